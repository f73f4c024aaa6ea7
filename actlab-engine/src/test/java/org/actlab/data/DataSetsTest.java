package org.actlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DataSetsTest {

    static List<String> names() {
        return DataSets.names();
    }

    @Test
    void registryListsTheElevenSets() {
        assertEquals(List.of("circle", "xor", "gauss", "spiral", "plane", "multi_gauss", "moons",
                "sin", "abs", "step", "poly"), DataSets.names());
    }

    @ParameterizedTest
    @MethodSource("names")
    void shapeTaskAndSeedReproducibility(String name) {
        Dataset a = DataSets.generate(name, 101, 0.1, 7);
        Dataset b = DataSets.generate(name, 101, 0.1, 7);
        Dataset c = DataSets.generate(name, 101, 0.1, 8);
        assertEquals(101, a.n());
        assertEquals(1, a.targets());
        boolean oneD = List.of("sin", "abs", "step", "poly").contains(name);
        assertEquals(oneD ? 1 : 2, a.features());
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.y(), b.y());
        assertFalse(Arrays.equals(a.x(), c.x()), "another seed gives other points");
        for (float v : a.x()) {
            assertTrue(Float.isFinite(v));
        }
        if (a.task() == Dataset.Task.BINARY) {
            int ones = 0;
            for (float y : a.y()) {
                assertTrue(y == 0 || y == 1, name + " label " + y);
                ones += (int) y;
            }
            assertTrue(ones > 10 && ones < 91, name + " has both classes: " + ones + " ones of 101");
        }
    }

    @Test
    void circleLabelsMatchRadiusWithoutNoise() {
        Dataset d = DataSets.generate("circle", 400, 0, 3);
        for (int i = 0; i < d.n(); i++) {
            double r = Math.hypot(d.x()[2 * i], d.x()[2 * i + 1]);
            assertEquals(r < 2.5 ? 1f : 0f, d.y()[i], "row " + i + " at radius " + r);
            assertTrue(r <= 2.5 || (r >= 3.5 - 1e-5 && r <= 5 + 1e-5), "radius " + r + " in the gap");
        }
        assertEquals(200, sum(d.y()), 0, "n/2 points inside");
    }

    @Test
    void xorLabelsAreTheSignOfTheProductAndKeepThePadding() {
        Dataset d = DataSets.generate("xor", 400, 0, 4);
        for (int i = 0; i < d.n(); i++) {
            float x = d.x()[2 * i];
            float y = d.x()[2 * i + 1];
            assertTrue(Math.abs(x) >= 0.3f && Math.abs(y) >= 0.3f && Math.abs(x) <= 5.3f);
            assertEquals(x * y >= 0 ? 1f : 0f, d.y()[i]);
        }
    }

    @Test
    void gaussClassMeansAndVarianceFollowThePlayground() {
        // noise 0.5 maps to variance 4 (std 2); noise 0 to variance 0.5.
        Dataset d = DataSets.generate("gauss", 20000, 0.5, 5);
        double[] mean = new double[2];
        double[] sq = new double[2];
        for (int i = 0; i < d.n(); i++) {
            int cls = (int) d.y()[i];
            double x = d.x()[2 * i];
            mean[cls] += x;
            sq[cls] += x * x;
        }
        for (int cls = 0; cls < 2; cls++) {
            double m = mean[cls] / 10000;
            double var = sq[cls] / 10000 - m * m;
            assertEquals(cls == 1 ? 2 : -2, m, 0.1);
            assertEquals(4, var, 0.25);
        }
    }

    @Test
    void spiralWithoutNoiseLiesOnTheArms() {
        Dataset d = DataSets.generate("spiral", 200, 0, 1);
        // Point i of arm 1 (the first 100 rows): r = 5i/100, t = 3.5 pi i/100, x = r sin t, y = r cos t.
        for (int i = 0; i < 100; i++) {
            double r = 5.0 * i / 100;
            double t = 1.75 * i / 100 * 2 * Math.PI;
            assertEquals(r * Math.sin(t), d.x()[2 * i], 1e-5);
            assertEquals(r * Math.cos(t), d.x()[2 * i + 1], 1e-5);
            assertEquals(1f, d.y()[i]);
            // Arm 0 is arm 1 turned by pi: the point negated.
            assertEquals(-r * Math.sin(t), d.x()[2 * (100 + i)], 1e-5);
            assertEquals(0f, d.y()[100 + i]);
        }
    }

    @Test
    void regressionTargetsWithoutNoiseAreTheClosedForms() {
        Dataset plane = DataSets.generate("plane", 50, 0, 2);
        for (int i = 0; i < plane.n(); i++) {
            assertEquals((plane.x()[2 * i] + plane.x()[2 * i + 1]) / 10.0, plane.y()[i], 1e-6);
        }
        Dataset bumps = DataSets.generate("multi_gauss", 3000, 0, 2);
        for (int i = 0; i < bumps.n(); i++) {
            assertTrue(Math.abs(bumps.y()[i]) <= 1);
        }
        // At a bump's centre the target is its sign; midway between the top centres both vanish.
        assertEquals(1, Playground.multiGaussTarget(-4, 2.5), 0);
        assertEquals(-1, Playground.multiGaussTarget(0, 2.5), 0);
        assertEquals(0.5, Playground.multiGaussTarget(-3, 2.5), 1e-12);
        assertEquals(0, Playground.multiGaussTarget(-2, 2.5), 0);
        assertArrayEquals(DataSets.generate("multi_gauss", 10, 0, 1).y(), DataSets.generate("reg-gauss", 10, 0, 1).y());
    }

    @Test
    void oneDimensionalTargets() {
        double[][] cases = {{0, 0, 0, 1, 0}, {Math.PI / 2, 1, Math.PI / 2, 1, (Math.pow(Math.PI / 2, 3) - 3 * Math.PI) / 6},
            {-1, Math.sin(-1), 1, 0, 5.0 / 6}};
        for (double[] c : cases) {
            assertEquals(c[1], Targets1D.target("sin").applyAsDouble(c[0]), 1e-15);
            assertEquals(c[2], Targets1D.target("abs").applyAsDouble(c[0]), 0);
            assertEquals(c[3], Targets1D.target("step").applyAsDouble(c[0]), 0);
            assertEquals(c[4], Targets1D.target("poly").applyAsDouble(c[0]), 1e-12);
        }
        assertEquals(0, Targets1D.target("step").applyAsDouble(-Double.MIN_VALUE));
        assertEquals(1, Targets1D.target("step").applyAsDouble(-0.0), "the step takes 1 at x = -0 too");
        Dataset sin = DataSets.generate("sin", 500, 0, 9);
        for (int i = 0; i < sin.n(); i++) {
            float x = sin.x()[i];
            assertTrue(x >= -Math.PI && x <= Math.PI);
            assertEquals((float) Math.sin(x), sin.y()[i], 1e-6);
        }
        Dataset noisy = DataSets.generate("sin", 20000, 0.2, 9);
        double residual = 0;
        for (int i = 0; i < noisy.n(); i++) {
            double e = noisy.y()[i] - Math.sin(noisy.x()[i]);
            residual += e * e;
        }
        assertEquals(0.2, Math.sqrt(residual / noisy.n()), 0.01, "noise is N(0, noise^2)");
    }

    @Test
    void moonsWithoutNoiseMatchMakeMoons() {
        Dataset d = DataSets.generate("moons", 5, 0, 1);
        // make_moons(5, shuffle=False, noise=0): outer t = linspace(0, pi, 2), inner t = linspace(0, pi, 3).
        float[] expected = {1, 0, -1, (float) Math.sin(Math.PI), 0, 0.5f, 1, -0.5f, 2, 0.5f - (float) Math.sin(Math.PI)};
        assertArrayEquals(expected, d.x(), 1e-6f);
        assertArrayEquals(new float[]{0, 0, 1, 1, 1}, d.y());
    }

    @Test
    void badArgumentsNameTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSets.generate("spirl", 10, 0, 1));
        assertTrue(e.getMessage().contains("'spirl'") && e.getMessage().contains("did you mean 'spiral'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DataSets.generate("circle", 0, 0, 1));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DataSets.generate("circle", 10, -0.1, 1));
        assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DataSets.generate("circle", 10, Double.NaN, 1));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSets.generate(null, 10, 0, 1));
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
