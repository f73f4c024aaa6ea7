package org.actlab.lab.run;

import static org.actlab.lab.run.RunConfig.DATA;
import static org.actlab.lab.run.RunConfig.HIDDEN;
import static org.actlab.lab.run.RunConfig.SAMPLES;
import static org.actlab.nn.TrainConfig.EPOCHS;

import java.nio.file.Path;
import java.util.List;

/** Saves and re-reads a model of 4 million parameters (16 MB of floats), run under a small heap. */
public final class SaveUnderSmallHeap {

    private SaveUnderSmallHeap() {
    }

    public static void main(String[] args) {
        RunConfig config = RunConfig.builder().set(DATA, "xor").set(SAMPLES, 20).set(HIDDEN, List.of(2000, 2000)).set(EPOCHS, 0).build();
        TrainingRun run = TrainingRun.prepare(config);
        Path file = Path.of(args[0]);
        SavedModel.of(run).write(file);
        SavedModel back = SavedModel.read(file);
        float[] a = run.network().layers().get(1).weights();
        float[] b = back.network().layers().get(1).weights();
        System.out.println(java.util.Arrays.equals(a, b) && back.config().equals(run.config()) ? "same" : "different");
    }
}
