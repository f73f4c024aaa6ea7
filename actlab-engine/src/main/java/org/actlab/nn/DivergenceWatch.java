package org.actlab.nn;

import java.util.List;
import java.util.Locale;

/**
 * Decides when training has diverged, and says when and where.
 *
 * <h2>The rules</h2>
 * <ol>
 * <li>A NaN or infinite batch loss (checked before back-propagation).</li>
 * <li>A NaN or infinite weight, bias or learnable activation parameter after an update.</li>
 * <li>Explosive growth: at the end of an epoch, the mean training loss exceeds
 *     {@value #EXPLOSION_FACTOR} × max(L₀, {@value #REFERENCE_FLOOR}), where L₀ is the mean training
 *     loss of the network before its first step.</li>
 * </ol>
 * Rules 1 and 2 catch overflow, but a loss can grow by eight orders of magnitude and stay finite in
 * float32 (SGD at η = 10⁹ on circle ends near 10⁹ with BCE); rule 3 catches that. It is relative to
 * L₀ so that it does not depend on the scale of the targets, and L₀ has a floor of
 * {@value #REFERENCE_FLOOR} because actlab's losses start near 1 (BCE at ln 2, softmax CE at ln K,
 * MSE on standardised targets at about 1) and a network that starts almost exact must not stop at
 * the first small rise. A factor of {@value #EXPLOSION_FACTOR} is far beyond the swings of healthy
 * runs: over all 138,000 epochs of the full report's training runs, including the dead-relu sweep
 * at η = 3, the largest ratio of an epoch's loss to max(L₀, 1) was 4.2. The loss is the whole
 * training set's at the end of an epoch, not one noisy batch's. (A rule on growth over consecutive
 * epochs was not chosen: it needs both a window and a rate, and would stop runs that rise for a few
 * epochs and then recover.)
 *
 * <h2>Forensics</h2>
 * For rules 1 and 2 the message names the first layer, in forward order, holding a non-finite weight,
 * bias, pre-activation z or activation a, or says that the input batch or the loss itself overflowed.
 */
final class DivergenceWatch {

    /** The loss may grow to this multiple of the reference before training counts as diverged. */
    static final double EXPLOSION_FACTOR = 1000;
    /** The reference loss is at least this. */
    static final double REFERENCE_FLOOR = 1;

    private static final String ADVICE = " (try a smaller learning rate, gradient clipping or another initialiser)";

    private final List<DenseLayer> layers;
    private final Workspace workspace;
    private final float[] xBatch;
    private final int features;
    private double reference = Double.NaN;
    private int epoch;
    private int step;
    private int rows;
    private String stopped;

    /**
     * @param layers    the network's layers, read live
     * @param workspace the training buffers, for z and a of the last forward pass
     * @param xBatch    the input batch buffer
     * @param features  columns per input row
     */
    DivergenceWatch(List<DenseLayer> layers, Workspace workspace, float[] xBatch, int features) {
        this.layers = layers;
        this.workspace = workspace;
        this.xBatch = xBatch;
        this.features = features;
    }

    /** Sets the reference from the training loss before the first step. */
    void begin(double initialLoss) {
        reference = initialLoss;
    }

    /** Where training is, for the messages. */
    void at(int epoch, int step, int rows) {
        this.epoch = epoch;
        this.step = step;
        this.rows = rows;
    }

    /** Why training stopped, or null. */
    String stopped() {
        return stopped;
    }

    /** Rule 1, on the batch loss before back-propagation. */
    void checkBatchLoss(double loss) {
        if (!Double.isFinite(loss)) {
            throw diverge("the batch loss is " + loss, true);
        }
    }

    /** Rule 2, on one layer's updated activation parameters. */
    void checkActivationParameters(int layer, float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw diverge("layer " + layer + "'s activation parameter became " + v, false);
            }
        }
    }

    /** Rule 2, on every weight and bias after an update. */
    void checkParameters() {
        for (DenseLayer layer : layers) {
            if (!allFinite(layer.weights(), layer.weights().length) || !allFinite(layer.bias(), layer.bias().length)) {
                throw diverge("a weight or bias became non-finite after the update", false);
            }
        }
    }

    /**
     * Rule 3, on the training loss at the end of epoch {@code finished}, whose last step was
     * {@code lastStep}. A non-finite epoch loss (possible although every batch loss was finite,
     * because the epoch is evaluated after the last update) counts too.
     */
    void checkEpochLoss(int finished, int lastStep, double trainLoss) {
        double threshold = threshold();
        if (Double.isFinite(trainLoss) && !(trainLoss > threshold)) {
            return;
        }
        stopped = String.format(Locale.ROOT, "training diverged at epoch %d: the training loss grew from %s before "
                + "the first step to %s, above the limit %s × max(initial loss, %s) = %s%s", finished, show(reference),
                show(trainLoss), show(EXPLOSION_FACTOR), show(REFERENCE_FLOOR), show(threshold), ADVICE);
        throw new DivergenceException(stopped, finished, lastStep);
    }

    /** The epoch loss above which rule 3 stops training; NaN before {@link #begin}. */
    double threshold() {
        return EXPLOSION_FACTOR * Math.max(reference, REFERENCE_FLOOR);
    }

    private DivergenceException diverge(String what, boolean inForward) {
        stopped = "training diverged at epoch " + epoch + ", step " + step + ": " + what + "; "
                + firstNonFinite(inForward) + ADVICE;
        return new DivergenceException(stopped, epoch, step);
    }

    /** Names the first layer, in forward order, holding a non-finite weight, bias, z or a. */
    private String firstNonFinite(boolean inForward) {
        if (!allFinite(xBatch, rows * features)) {
            return "the input batch itself holds a non-finite value";
        }
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            String name = l == layers.size() - 1 ? "layer " + l + " (output)" : "layer " + l;
            if (!allFinite(layer.weights(), layer.weights().length)) {
                return "first non-finite value in " + name + " weights";
            }
            if (!allFinite(layer.bias(), layer.bias().length)) {
                return "first non-finite value in " + name + " bias";
            }
            if (inForward) {
                int size = rows * layer.units();
                if (!allFinite(workspace.z[l], size)) {
                    return "first non-finite value in " + name + " pre-activations z";
                }
                if (!allFinite(workspace.a[l], size)) {
                    return "first non-finite value in " + name + " activations a = " + layer.activation().spec() + "(z)";
                }
            }
        }
        return "no layer holds a non-finite value, so the targets or the loss overflowed";
    }

    private static boolean allFinite(float[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Four significant digits, plain between 1e-3 and 1e5, else scientific; NaN and infinities as Java spells them. */
    private static String show(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double abs = Math.abs(v);
        return abs == 0 || (abs >= 1e-3 && abs < 1e5) ? new java.math.BigDecimal(v).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString() : String.format(Locale.ROOT, "%.3e", v);
    }
}
