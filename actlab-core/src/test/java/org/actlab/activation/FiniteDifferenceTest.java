package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every derivative against central differences of the float function, computed in double:
 * (f(x+h) - f(x-h))/(2h) with h = 2^-8 max(1, |x|), away from kinks. The tolerance covers the
 * truncation error h² f'''/6 and the rounding of the two float values, 4 ULPs over 2h.
 */
class FiniteDifferenceTest {

    static Stream<Activation> activations() {
        List<Activation> all = new ArrayList<>(Activations.catalogue());
        for (String spec : new String[] {"leaky_relu(0.2)", "prelu(-0.1)", "rrelu(0.1, 0.3)", "elu(0.5)", "celu(2.5)",
                "softplus(2, 10)", "softplus(0.5)", "hard_tanh(-2, 0.5)", "softshrink(1.5)", "hardshrink(0.25)",
                "threshold(1, -2)", "thresholded_relu(0.5)", "squareplus(0.25)", "isru(0.25)"}) {
            all.add(Activations.parse(spec));
        }
        return all.stream();
    }

    /** Where f or f' is not smooth: the catalogue's kinks and every parameter value, both signs. */
    private static List<Double> kinks(Activation a) {
        List<Double> kinks = new ArrayList<>(List.of(0.0, 1.0, -1.0, 3.0, -3.0, 6.0));
        String spec = a.spec();
        if (spec.contains("(")) {
            for (String part : spec.substring(spec.indexOf('(') + 1, spec.length() - 1).split(",")) {
                double v = Double.parseDouble(part.substring(part.indexOf('=') + 1));
                kinks.add(v);
                kinks.add(-v);
            }
        }
        if (a instanceof Softplus sp) {
            kinks.add((double) sp.threshold() / sp.beta());
        }
        return kinks;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void derivativeMatchesCentralDifferences(Activation a) {
        List<Double> kinks = kinks(a);
        int checked = 0;
        for (int i = 0; i <= 160; i++) {
            float x = (float) (-8 + 0.1 * i + 0.0123);
            double h = 0x1p-8 * Math.max(1, Math.abs(x));
            float xPlus = (float) (x + h);
            float xMinus = (float) (x - h);
            boolean nearKink = false;
            for (double k : kinks) {
                nearKink |= Math.abs(x - k) <= 2 * h;
            }
            if (nearKink) {
                continue;
            }
            double fPlus = a.apply(xPlus);
            double fMinus = a.apply(xMinus);
            double central = (fPlus - fMinus) / ((double) xPlus - xMinus);
            double d = a.derivative(x);
            double rounding = 4 * Math.max(Math.ulp((float) fPlus), Math.ulp((float) fMinus)) / ((double) xPlus - xMinus);
            double tolerance = 1e-3 * Math.abs(d) + rounding + h * h * Math.max(1, Math.abs(d));
            assertTrue(Math.abs(central - d) <= tolerance, a.spec() + "'(" + x + ") = " + d
                    + " but the central difference is " + central + " (tolerance " + tolerance + ")");
            checked++;
        }
        assertTrue(checked > 100, a.spec() + ": only " + checked + " points away from kinks");
    }
}
