package org.actlab.web;

import java.io.StringReader;
import org.actlab.data.Csv;
import org.actlab.data.Dataset;
import org.actlab.data.Features;
import org.actlab.lab.run.RunConfig;
import org.actlab.lab.run.TrainingRun;

/**
 * What a {@link PlaygroundConfig} turns into: the lab's {@link TrainingRun} (data, split, features and
 * network, prepared exactly as the CLI prepares them), plus what only the page needs: the evaluation
 * grids of the decision-boundary heatmap and the neuron thumbnails.
 *
 * @param runner     the prepared run: its network is this session's, trained in place
 * @param domain     the plotted square of the plane: {x1min, x1max, x2min, x2max}
 * @param grid       the heatmap grid, gridSize² rows with the selected features, row 0 at the top (x2 max)
 * @param gridSize   cells per side of {@code grid}
 * @param thumbs     the thumbnail grid, {@link #THUMB}² rows with the selected features
 */
record PlaygroundRun(TrainingRun runner, double[] domain, Dataset grid, int gridSize, Dataset thumbs) {

    /** Cells per side of a neuron thumbnail. */
    static final int THUMB = 20;

    /** The TF Playground's square of the plane. */
    private static final double[] PLAYGROUND_DOMAIN = {-6, 6, -6, 6};

    /**
     * Prepares the run of a config through the lab's runner.
     *
     * @throws IllegalArgumentException for a bad CSV or a setting the engine rejects
     */
    static PlaygroundRun of(PlaygroundConfig config, Limits limits) {
        RunConfig run = config.toRunConfig();
        TrainingRun runner = config.dataset().equals("csv") ? TrainingRun.prepare(run, loadCsv(config, limits))
                : TrainingRun.prepare(run);
        double[] domain = config.dataset().equals("csv") ? boundsOf(runner.trainPoints(), runner.testPoints())
                : PLAYGROUND_DOMAIN.clone();
        Dataset grid = Features.expand(planeGrid(domain, config.gridSize()), config.features());
        Dataset thumbs = Features.expand(planeGrid(domain, THUMB), config.features());
        return new PlaygroundRun(runner, domain, grid, config.gridSize(), thumbs);
    }

    /**
     * The cell centres of a size × size grid over the domain, row-major with row 0 at the top
     * (x2 = max), as a canvas draws them.
     */
    static Dataset planeGrid(double[] domain, int size) {
        float[] x = new float[size * size * 2];
        double w = (domain[1] - domain[0]) / size;
        double h = (domain[3] - domain[2]) / size;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                int i = (row * size + col) * 2;
                x[i] = (float) (domain[0] + (col + 0.5) * w);
                x[i + 1] = (float) (domain[3] - (row + 0.5) * h);
            }
        }
        return new Dataset("grid", x, new float[size * size], size * size, 2, 1, Dataset.Task.REGRESSION);
    }

    /** The bounding square of the rows, widened by 10 % so that no point sits on the edge. */
    private static double[] boundsOf(Dataset... parts) {
        double lo1 = Double.POSITIVE_INFINITY, hi1 = Double.NEGATIVE_INFINITY;
        double lo2 = Double.POSITIVE_INFINITY, hi2 = Double.NEGATIVE_INFINITY;
        for (Dataset data : parts) {
            for (int i = 0; i < data.n(); i++) {
                lo1 = Math.min(lo1, data.x()[2 * i]);
                hi1 = Math.max(hi1, data.x()[2 * i]);
                lo2 = Math.min(lo2, data.x()[2 * i + 1]);
                hi2 = Math.max(hi2, data.x()[2 * i + 1]);
            }
        }
        double pad1 = Math.max(0.1 * (hi1 - lo1), 0.5);
        double pad2 = Math.max(0.1 * (hi2 - lo2), 0.5);
        return new double[] {lo1 - pad1, hi1 + pad1, lo2 - pad2, hi2 + pad2};
    }

    /**
     * Parses the uploaded rows from memory through the engine's CSV reader: a header line, then x1, x2
     * and the target in the last column.
     */
    private static Dataset loadCsv(PlaygroundConfig config, Limits limits) {
        Dataset.Task task = config.classification() ? Dataset.Task.BINARY : Dataset.Task.REGRESSION;
        Dataset data = Csv.load(new StringReader(config.csv()), "the uploaded CSV", "csv", null, task).data();
        if (data.features() != 2) {
            throw new IllegalArgumentException("the playground plots 2 input columns (x1, x2) and a label; the CSV has "
                    + data.features() + " input columns");
        }
        if (data.n() < 10 || data.n() > limits.maxSamples()) {
            throw new IllegalArgumentException("the CSV must have 10.." + limits.maxSamples() + " rows, got " + data.n());
        }
        return new Dataset("csv", data.x(), data.y(), data.n(), 2, 1, data.task());
    }
}
