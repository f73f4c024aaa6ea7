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
        Worst worst = worst(spec, p -> Ulps.error(a.apply(p.x()), p.value()));
        assertTrue(worst.ulps() <= Fixtures.valueTolerance(a), spec + ": value error " + worst.ulps() + " ULP at x = "
                + worst.x() + " (" + Float.floatToRawIntBits(worst.x()) + "), got " + a.apply(worst.x()) + " over "
                + worst.points() + " points");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void derivativeWithinTolerance(String spec) {
        Activation a = Activations.parse(spec);
        Worst worst = worst(spec, p -> Ulps.error(a.derivative(p.x()), p.derivative()));
        assertTrue(worst.ulps() <= Fixtures.derivativeTolerance(a), spec + ": derivative error " + worst.ulps()
                + " ULP at x = " + worst.x() + ", got " + a.derivative(worst.x()) + " over " + worst.points() + " points");
    }

    /** The largest error over a spec's fixture points, where it occurs, and how many points were read. */
    private record Worst(double ulps, float x, int points) {
    }

    /** The worst of {@code error} over the fixture points of {@code spec}; a NaN error counts as the worst. */
    private static Worst worst(String spec, java.util.function.ToDoubleFunction<Fixtures.Point> error) {
        List<Fixtures.Point> points = Fixtures.bySpec().get(spec);
        double worst = 0;
        float worstX = Float.NaN;
        for (Fixtures.Point p : points) {
            double err = error.applyAsDouble(p);
            if (!(err <= worst)) {
                worst = err;
                worstX = p.x();
            }
        }
        return new Worst(worst, worstX, points.size());
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
