package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The documented one-sided derivative at every kink (PyTorch's choice), and the values there. */
class KinkTest {

    private static void pin(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void reluFamily() {
        pin(0f, Standard.RELU.derivative(0f), "relu'(0)");
        pin(0f, Standard.RELU.derivative(-0f), "relu'(-0)");
        pin(1f, Standard.RELU.derivative(Float.MIN_VALUE), "relu'(min subnormal)");
        pin(0f, Standard.RELU6.derivative(0f), "relu6'(0)");
        pin(0f, Standard.RELU6.derivative(6f), "relu6'(6)");
        pin(1f, Standard.RELU6.derivative(Math.nextDown(6f)), "relu6' just below 6");
        pin(6f, Standard.RELU6.apply(6.5f), "relu6(6.5)");
        pin(0.01f, new LeakyRelu().derivative(0f), "leaky_relu'(0)");
        pin(0.25f, new PRelu().derivative(0f), "prelu'(0)");
        RRelu rrelu = new RRelu();
        pin(rrelu.inferenceSlope(), rrelu.derivative(0f), "rrelu'(0)");
        pin(0.22916667f, rrelu.inferenceSlope(), "rrelu (1/8 + 1/3)/2");
        pin(0f, Standard.RECTIFIED_TANH.derivative(0f), "rectified_tanh'(0)");
    }

    @Test
    void exponentialLinearUnitsUseTheNegativeBranchAtZero() {
        pin(1f, new Elu(1f).derivative(0f), "elu'(0) = alpha");
        pin(0.5f, new Elu(0.5f).derivative(0f), "elu(0.5)'(0) = alpha");
        pin(1f, new Celu(2.5f).derivative(0f), "celu'(0) = e^0");
        pin((float) (1.0507009873554804934 * 1.6732632423543772848), Standard.SELU.derivative(0f), "selu'(0) = scale*alpha");
        pin(1.7580993f, Standard.SELU.derivative(0f), "selu'(0) decimal");
        pin(1.050701f, Standard.SELU.derivative(Float.MIN_VALUE), "selu'(0+) = scale");
    }

    @Test
    void hardFunctions() {
        pin(0f, Standard.HARD_SIGMOID.derivative(-3f), "hard_sigmoid'(-3)");
        pin(0f, Standard.HARD_SIGMOID.derivative(3f), "hard_sigmoid'(3)");
        pin(1f / 6, Standard.HARD_SIGMOID.derivative(Math.nextUp(-3f)), "hard_sigmoid' inside");
        pin(0f, Standard.HARD_SIGMOID.apply(-3f), "hard_sigmoid(-3)");
        pin(1f, Standard.HARD_SIGMOID.apply(3f), "hard_sigmoid(3)");
        pin(0.5f, Standard.HARD_SIGMOID.apply(0f), "hard_sigmoid(0)");
        pin(-0.5f, Standard.HARD_SWISH.derivative(-3f), "hard_swish'(-3)");
        pin(1.5f, Standard.HARD_SWISH.derivative(3f), "hard_swish'(3)");
        pin(0f, Standard.HARD_SWISH.derivative(Math.nextDown(-3f)), "hard_swish' below -3");
        pin(1f, Standard.HARD_SWISH.derivative(Math.nextUp(3f)), "hard_swish' above 3");
        pin(0.5f, Standard.HARD_SWISH.derivative(0f), "hard_swish'(0)");
        pin(3f, Standard.HARD_SWISH.apply(3f), "hard_swish(3)");
        pin(0f, Standard.HARD_SWISH.apply(-3f), "hard_swish(-3)");
        HardTanh ht = new HardTanh();
        pin(0f, ht.derivative(-1f), "hard_tanh'(-1)");
        pin(0f, ht.derivative(1f), "hard_tanh'(1)");
        pin(1f, ht.derivative(0f), "hard_tanh'(0)");
        pin(-1f, ht.apply(-7f), "hard_tanh(-7)");
        pin(0f, Standard.SPARSE_PLUS.derivative(-1f), "sparse_plus'(-1)");
        pin(1f, Standard.SPARSE_PLUS.derivative(1f), "sparse_plus'(1)");
        pin(0.25f, Standard.SPARSE_PLUS.apply(0f), "sparse_plus(0)");
        pin(1f, Standard.SPARSE_PLUS.apply(1f), "sparse_plus(1)");
    }

    @Test
    void shrinkAndThresholdFunctions() {
        SoftShrink soft = new SoftShrink();
        pin(0f, soft.derivative(0.5f), "softshrink'(lambda)");
        pin(0f, soft.derivative(-0.5f), "softshrink'(-lambda)");
        pin(0f, soft.apply(0.5f), "softshrink(lambda)");
        pin(1f, soft.derivative(Math.nextUp(0.5f)), "softshrink' above lambda");
        pin(0.25f, soft.apply(0.75f), "softshrink(0.75)");
        HardShrink hard = new HardShrink();
        pin(0f, hard.derivative(0.5f), "hardshrink'(lambda)");
        pin(0f, hard.apply(-0.5f), "hardshrink(-lambda)");
        pin(-0.50000006f, hard.apply(-0.50000006f), "hardshrink below -lambda");
        Threshold th = new Threshold(1f, -2f);
        pin(-2f, th.apply(1f), "threshold at the threshold");
        pin(0f, th.derivative(1f), "threshold' at the threshold");
        pin(Math.nextUp(1f), th.apply(Math.nextUp(1f)), "threshold above");
        ThresholdedRelu tr = new ThresholdedRelu();
        pin(0f, tr.apply(1f), "thresholded_relu(theta)");
        pin(0f, tr.derivative(1f), "thresholded_relu'(theta)");
    }

    @Test
    void softplusSwitchesToXStrictlyAboveTheThreshold() {
        Softplus sp = new Softplus(2f, 10f);
        // beta x = 10 is not > 10: the log branch, log1p(e^10)/2 = 5.0000226999 (hand: 5 + log1p(e^-10)/2).
        assertEquals(5 + Math.log1p(Math.exp(-10)) / 2, sp.apply(5f), Math.ulp(5f) / 2);
        pin((float) (1 / (1 + Math.exp(-10))), sp.derivative(5f), "softplus' at the threshold");
        pin(Math.nextUp(5f), sp.apply(Math.nextUp(5f)), "softplus just above the threshold");
        pin(1f, sp.derivative(Math.nextUp(5f)), "softplus' just above the threshold");
    }

    @Test
    void preluParameterDerivative() {
        PRelu p = new PRelu(0.25f);
        float[] out = new float[1];
        p.parameterDerivatives(-3f, out);
        pin(-3f, out[0], "df/dslope at -3");
        p.parameterDerivatives(2f, out);
        pin(0f, out[0], "df/dslope at 2");
        p.parameterDerivatives(0f, out);
        pin(0f, out[0], "df/dslope at 0");
        assertEquals(new PRelu(0.5f), p.withParameters(new float[] {0.5f}));
        assertEquals(0.25f, p.parameters()[0]);
    }
}
