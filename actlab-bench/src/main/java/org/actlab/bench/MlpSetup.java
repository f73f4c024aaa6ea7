package org.actlab.bench;

/**
 * The training benchmark's network and schedule, the same for every library: 784-256-256-10,
 * ReLU hidden layers, softmax output with cross-entropy, He-normal weights, zero biases, plain
 * SGD at a constant learning rate, batch 128.
 */
final class MlpSetup {

    static final int HIDDEN = 256;
    static final int BATCH = 128;
    static final double LEARNING_RATE = 0.01;
    /** 64 distinct batches: 8,192 rows, 25 MB of inputs, cycled through. */
    static final int BATCHES = 64;
    static final int ROWS = BATCH * BATCHES;

    private MlpSetup() {
    }

    /**
     * Guards against timing a wrong network: the first batch's mean cross-entropy over 10 classes
     * must lie near ln 10 ≈ 2.30, the loss of an untrained network (He-initialised weights on
     * inputs in [0, 1) give logits of order 1, so the bound is loose: [1.3, 5.3]).
     */
    static void checkFirstLoss(String library, double loss) {
        double chance = Math.log(SyntheticMnist.CLASSES);
        if (!(loss > chance - 1 && loss < chance + 3)) {
            throw new IllegalStateException(library + ": first batch loss " + loss + ", expected about ln 10 = " + chance);
        }
    }
}
