package org.actlab.activation;

/**
 * The arithmetic shared by threshold and thresholded_relu (threshold with value 0): x above the
 * threshold, a constant at and below it; slope 1 above, 0 at and below (so f' is 0 at the kink, as
 * PyTorch); NaN for NaN.
 */
final class Step {

    private Step() {
    }

    /** x above the threshold (NaN stays NaN), else {@code below}: threshold and thresholded_relu. */
    static float value(float x, float threshold, float below) {
        return x > threshold || x != x ? x : below;
    }

    /** 1 above the threshold, else 0; NaN for NaN. */
    static float slope(float x, float threshold) {
        if (x != x) {
            return x;
        }
        return x > threshold ? 1 : 0;
    }
}
