package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The double-precision building blocks against mpmath values and hand-checked identities. */
class ExactMathTest {

    @Test
    void erfcIsWithinAFewDoubleUlpsOfMpmath() {
        List<ErfcFixtures.Point> points = ErfcFixtures.load();
        assertTrue(points.size() > 600);
        double worst = 0;
        double worstZ = Double.NaN;
        for (ErfcFixtures.Point p : points) {
            double err = ErfcFixtures.doubleUlps(ExactMath.erfc(p.z()), p.erfc());
            if (err > worst) {
                worst = err;
                worstZ = p.z();
            }
        }
        // Cody's approximations are good to ~1e-18; the double evaluation adds a few roundings
        // (measured: 4 ULP at z = 2.49).
        assertTrue(worst <= 8, "erfc error " + worst + " double ULP at z = " + worstZ);
    }

    @Test
    void erfcLimits() {
        assertEquals(1.0, ExactMath.erfc(0), 0);
        assertEquals(2.0, ExactMath.erfc(-30), 0);
        assertEquals(0.0, ExactMath.erfc(30), 0);
        assertEquals(0.0, ExactMath.erfc(Double.POSITIVE_INFINITY), 0);
    }

    @Test
    void tanhShrinkSeriesJoinsTheDirectFormula() {
        // At the switch |x| = 0.1 both forms must agree closely: the series from below, the
        // difference (which loses at most a factor 300) from above.
        double below = ExactMath.tanhShrink(Math.nextDown(0.1));
        double above = 0.1 - Math.tanh(0.1);
        assertEquals(above, below, 1e-13 * above);
        // x - tanh x = x³/3 - 2x⁵/15 + ... at 1e-3: hand value 3.33333200000053968e-10.
        assertEquals(3.3333320000005397e-10, ExactMath.tanhShrink(1e-3), 1e-24);
    }

    @Test
    void logisticAndSech2Tails() {
        assertEquals(Math.exp(-700), ExactMath.sigmoid(-700), Math.exp(-700) * 1e-15);
        assertEquals(4 * Math.exp(-60), ExactMath.sech2(30), 4 * Math.exp(-60) * 1e-14);
        assertEquals(0.25, ExactMath.sigmoidSlope(0), 0);
        assertEquals(Math.log(2), ExactMath.softplus(0), 1e-16);
    }
}
