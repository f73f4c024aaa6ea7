package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NaN, the limits at ±Inf, signed zeros, and the extreme cases the contract names. */
class SpecialValuesTest {

    static Stream<Activation> catalogue() {
        return Activations.catalogue().stream();
    }

    /** Float equality that tells -0 from 0 and accepts NaN = NaN. */
    private static void assertSame(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                what + ": expected " + expected + " but was " + actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void nanGivesNan(Activation a) {
        assertTrue(Float.isNaN(a.apply(Float.NaN)), a.spec() + " value");
        assertTrue(Float.isNaN(a.derivative(Float.NaN)), a.spec() + " derivative");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void infinitiesGiveTheLimitOfLargeFiniteInputs(Activation a) {
        // The limit at ±Inf must agree with the function at the largest floats, except where f
        // has no limit (sin) or grows without bound and overflows (then both are infinite).
        for (float inf : new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float big = Math.copySign(Float.MAX_VALUE, inf);
            if (a == Standard.SIN) {
                assertTrue(Float.isNaN(a.apply(inf)) && Float.isNaN(a.derivative(inf)), "sin has no limit");
                continue;
            }
            float limit = a.apply(inf);
            float nearLimit = a.apply(big);
            assertTrue(limit == nearLimit || Float.isInfinite(limit) && Math.signum(nearLimit) == Math.signum(limit) && Math.abs(nearLimit) > 1e30f
                            || Math.abs(limit - nearLimit) <= 1e-6,
                    a.spec() + "(" + inf + ") = " + limit + " but f(" + big + ") = " + nearLimit);
            float slopeLimit = a.derivative(inf);
            float slopeNear = a.derivative(big);
            assertTrue(slopeLimit == slopeNear || Float.isInfinite(slopeLimit) && Float.isInfinite(slopeNear)
                            || Math.abs(slopeLimit - slopeNear) <= 1e-6,
                    a.spec() + "'(" + inf + ") = " + slopeLimit + " but f'(" + big + ") = " + slopeNear);
        }
    }

    @Test
    void infinityLimitsPinned() {
        assertSame(1f, Standard.SIGMOID.apply(Float.POSITIVE_INFINITY), "sigmoid(+inf)");
        assertSame(0f, Standard.SIGMOID.apply(Float.NEGATIVE_INFINITY), "sigmoid(-inf)");
        assertSame(-1f, Standard.TANH.apply(Float.NEGATIVE_INFINITY), "tanh(-inf)");
        assertSame(0f, Standard.TANH.derivative(Float.POSITIVE_INFINITY), "tanh'(+inf)");
        assertSame(Float.POSITIVE_INFINITY, Standard.RELU.apply(Float.POSITIVE_INFINITY), "relu(+inf)");
        assertSame(0f, Standard.RELU.apply(Float.NEGATIVE_INFINITY), "relu(-inf)");
        assertSame(6f, Standard.RELU6.apply(Float.POSITIVE_INFINITY), "relu6(+inf)");
        assertSame((float) (-1.0507009873554804934 * 1.6732632423543772848), Standard.SELU.apply(Float.NEGATIVE_INFINITY), "selu(-inf)");
        assertSame(-0f, Standard.LOG_SIGMOID.apply(Float.POSITIVE_INFINITY), "log_sigmoid(+inf)");
        assertSame(Float.NEGATIVE_INFINITY, Standard.LOG_SIGMOID.apply(Float.NEGATIVE_INFINITY), "log_sigmoid(-inf)");
        assertSame(1f, Standard.LOG_SIGMOID.derivative(Float.NEGATIVE_INFINITY), "log_sigmoid'(-inf)");
        assertSame(1.5707964f, Standard.ARCTAN.apply(Float.POSITIVE_INFINITY), "arctan(+inf)");
        assertSame(0.5f, Standard.BENT_IDENTITY.derivative(Float.NEGATIVE_INFINITY), "bent_identity'(-inf)");
        assertSame(1.7159f, Standard.RATIONAL_TANH.apply(Float.POSITIVE_INFINITY), "rational_tanh(+inf)");
        assertSame(-1f, new Elu(1f).apply(Float.NEGATIVE_INFINITY), "elu(-inf)");
        assertSame(-2.5f, new Celu(2.5f).apply(Float.NEGATIVE_INFINITY), "celu(-inf)");
        assertSame(0f, new LeakyRelu(0f).apply(Float.NEGATIVE_INFINITY), "leaky_relu(slope=0)(-inf)");
        assertSame(Float.POSITIVE_INFINITY, new PRelu(-0.1f).apply(Float.NEGATIVE_INFINITY), "prelu(slope=-0.1)(-inf)");
        assertSame(1f, new Squareplus(4f).derivative(Float.POSITIVE_INFINITY), "squareplus'(+inf)");
        assertSame(0f, new Squareplus(4f).apply(Float.NEGATIVE_INFINITY), "squareplus(-inf)");
        assertSame(Float.POSITIVE_INFINITY, new Softplus().apply(Float.POSITIVE_INFINITY), "softplus(+inf)");
        assertSame(0f, new Softplus().apply(Float.NEGATIVE_INFINITY), "softplus(-inf)");
    }

    @Test
    void signedZeros() {
        // Odd functions keep the sign of zero; relu-like selects return +0 for -0.
        for (Standard odd : new Standard[] {Standard.IDENTITY, Standard.TANH, Standard.SOFTSIGN, Standard.TANHSHRINK,
                Standard.RATIONAL_TANH, Standard.CUBE, Standard.SIN, Standard.ARCTAN, Standard.BENT_IDENTITY,
                Standard.SELU, Standard.GELU, Standard.GELU_TANH, Standard.SILU, Standard.MISH}) {
            assertSame(-0f, odd.apply(-0f), odd.id() + "(-0)");
            assertSame(0f, odd.apply(0f), odd.id() + "(+0)");
        }
        assertSame(0f, Standard.RELU.apply(-0f), "relu(-0)");
        assertSame(0f, Standard.RELU6.apply(-0f), "relu6(-0)");
        assertSame(-0f, new LeakyRelu().apply(-0f), "leaky_relu(-0)");
        assertSame(-0f, new Elu(1f).apply(-0f), "elu(-0)");
        assertSame(-0f, new HardTanh().apply(-0f), "hard_tanh(-0)");
        assertSame(0.5f, Standard.SIGMOID.apply(-0f), "sigmoid(-0)");
        assertSame(1f, Standard.GAUSSIAN.apply(-0f), "gaussian(-0)");
        // Below the float range the true negative values round to -0.
        assertSame(-0f, Standard.GELU.apply(-20f), "gelu(-20)");
        assertSame(-0f, Standard.SILU.apply(-200f), "silu(-200)");
        assertSame(-0f, Standard.MISH.apply(-200f), "mish(-200)");
    }

    @Test
    void namedExtremeCasesKeepTheirDigits() {
        // softplus(100) = 100 + log1p(e^-100) rounds to 100; the threshold branch gives x itself.
        assertSame(100f, new Softplus().apply(100f), "softplus(100)");
        assertSame(100f, new Softplus(1f, 1000f).apply(100f), "softplus(100) without the threshold");
        // sigma(-100) = 3.72007597602083596e-44 (mpmath), a subnormal float.
        // That is 26.55 times the smallest subnormal, so the correctly rounded float is 27 of them.
        assertSame(27 * Float.MIN_VALUE, Standard.SIGMOID.apply(-100f), "sigmoid(-100)");
        // tanh'(20) = 4e^-40 / (1 + e^-40)^2 = 1.6993417021166355e-17 (mpmath), not 0.
        assertEquals(1.6993417021166355e-17, Standard.TANH.derivative(20f), Math.ulp(1.6993417e-17f));
        // tanhshrink(x) for x = 1e-10f = 1.0000000133e-10 is x³/3 = 3.33333346684765e-31 (mpmath);
        // the naive float x - tanh(x) gives 0.
        assertEquals(3.33333346684765e-31, Standard.TANHSHRINK.apply(1e-10f), Math.ulp(3.3333335e-31f));
        // softsign near 0: 1e-30/(1 + 1e-30) = 1e-30 to float precision.
        assertSame(1e-30f, Standard.SOFTSIGN.apply(1e-30f), "softsign(1e-30)");
        // log_sigmoid(50) = -log1p(e^-50) = -1.9287498479639178e-22; the naive log(sigma) gives 0.
        assertEquals(-1.9287498479639178e-22, Standard.LOG_SIGMOID.apply(50f), Math.ulp(1.9287498e-22f));
        // gelu(-10) = -10 Phi(-10) = -7.619853024160526e-23 (mpmath).
        assertEquals(-7.619853024160526e-23, Standard.GELU.apply(-10f), Math.ulp(7.619853e-23f));
        // Largest float inputs: no NaN from Inf * 0 or Inf - Inf.
        for (Activation a : Activations.catalogue()) {
            for (float x : new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE}) {
                assertTrue(!Float.isNaN(a.apply(x)) && !Float.isNaN(a.derivative(x)), a.spec() + " at " + x);
            }
        }
    }
}
