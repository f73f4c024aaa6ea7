package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.actlab.accuracy.Ulps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation's scalar value and derivative against the mpmath fixtures: within 1 ULP of the
 * exact result (correctly rounded for piecewise-linear functions), across every binade of float.
 */
class FixtureAccuracyTest {

    static Stream<String> specs() {
        return Fixtures.specs().stream();
    }

    @Test
    void fixturesCoverTheWholeCatalogue() {
        for (Activation a : Activations.catalogue()) {
            assertTrue(Fixtures.bySpec().containsKey(a.spec()), "no fixtures for " + a.spec());
        }
        assertTrue(Fixtures.bySpec().size() > Activations.catalogue().size(), "non-default parameters missing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void specOfTheFixtureIsTheCanonicalSpec(String spec) {
        assertEquals(spec, Activations.parse(spec).spec());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void valueWithinTolerance(String spec) {
        Activation a = Activations.parse(spec);
        List<Fixtures.Point> points = Fixtures.bySpec().get(spec);
        double worst = 0;
        float worstX = Float.NaN;
        for (Fixtures.Point p : points) {
            double err = Ulps.error(a.apply(p.x()), p.value());
            if (!(err <= worst)) {
                worst = err;
                worstX = p.x();
            }
        }
        assertTrue(worst <= Fixtures.valueTolerance(a), spec + ": value error " + worst + " ULP at x = " + worstX
                + " (" + Float.floatToRawIntBits(worstX) + "), got " + a.apply(worstX) + " over " + points.size() + " points");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void derivativeWithinTolerance(String spec) {
        Activation a = Activations.parse(spec);
        List<Fixtures.Point> points = Fixtures.bySpec().get(spec);
        double worst = 0;
        float worstX = Float.NaN;
        for (Fixtures.Point p : points) {
            double err = Ulps.error(a.derivative(p.x()), p.derivative());
            if (!(err <= worst)) {
                worst = err;
                worstX = p.x();
            }
        }
        assertTrue(worst <= Fixtures.derivativeTolerance(a), spec + ": derivative error " + worst + " ULP at x = "
                + worstX + ", got " + a.derivative(worstX) + " over " + points.size() + " points");
    }

    @Test
    void ulpErrorIsMeasuredAgainstTheNearestFloat() {
        // Hand-computed: 1 + 2^-24 is halfway between 1 and 1 + 2^-23.
        assertEquals(0.5, Ulps.error(1f, 1 + 0x1p-24), 0);
        // 1 - 2^-25 rounds (to even) to 1, whose ULP is 2^-23; 1 + 2^-23 is 1.25 of those away.
        assertEquals(1.25, Ulps.error(Math.nextUp(1f), 1 - 0x1p-25), 1e-12);
        // 1 - 2^-24 is a float with ULP 2^-24; 1 + 2^-23 is three of those away.
        assertEquals(3, Ulps.error(Math.nextUp(1f), 1 - 0x1p-24), 1e-12);
        assertEquals(0, Ulps.error(Float.POSITIVE_INFINITY, 1e300), 0);
        assertEquals(Double.POSITIVE_INFINITY, Ulps.error(Float.MAX_VALUE, 1e300), 0);
        assertEquals(1, Ulps.error(Float.MIN_VALUE, 0), 0);
    }
}
