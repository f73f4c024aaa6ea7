package org.actlab.nn;

/** Training produced a NaN or infinite value; the message says when and where. */
public final class DivergenceException extends RuntimeException {

    private final int epoch;
    private final int step;

    public DivergenceException(String message, int epoch, int step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
