package org.actlab.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * The committed {@link ZigguratTables} against the running JDK's own tables (read by reflection;
 * the surefire configuration opens {@code jdk.internal.util.random}), entry by entry, so that
 * entries the draw tests rarely reach are checked too; and against the mathematics of the
 * ziggurat, which needs no JDK.
 */
class ZigguratTablesTest {

    @Test
    void everyFieldEqualsTheJdks() throws ReflectiveOperationException {
        for (String name : ZigguratTablesGenerator.FIELDS) {
            Object jdk = ZigguratTablesGenerator.jdkField(name);
            Field mine = ZigguratTables.class.getDeclaredField(name);
            Object ours = mine.get(null);
            if (jdk instanceof double[] d) {
                double[] o = (double[]) ours;
                assertEquals(d.length, o.length, name);
                for (int i = 0; i < d.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(d[i]), Double.doubleToRawLongBits(o[i]), name + "[" + i + "]");
                }
            } else if (jdk instanceof long[] l) {
                assertArrayEquals(l, (long[]) ours, name);
            } else if (jdk instanceof byte[] b) {
                assertArrayEquals(b, (byte[]) ours, name);
            } else {
                assertEquals(jdk, ours, name);
            }
        }
    }

    /**
     * Layer corners lie on the curves: y_i = f(x_i) with f(x) = exp(-x^2/2) (normal) and exp(-x)
     * (exponential), both tables scaled by 2^-63; and the x_i fall from x0 towards 0.
     */
    @Test
    void cornersLieOnTheDensity() {
        checkCorners(ZigguratTables.normalX, ZigguratTables.normalY, ZigguratTables.normalX0, true);
        checkCorners(ZigguratTables.exponentialX, ZigguratTables.exponentialY, ZigguratTables.exponentialX0, false);
    }

    private static void checkCorners(double[] xs, double[] ys, double x0, boolean normal) {
        assertEquals(x0, xs[0] * 0x1.0p63, 1e-15 * x0, "x0");
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i] * 0x1.0p63;
            double y = ys[i] * 0x1.0p63;
            double f = normal ? Math.exp(-0.5 * x * x) : Math.exp(-x);
            assertEquals(f, y, 1e-12, "corner " + i + " at x = " + x);
            if (i > 0) {
                assertTrue(x < xs[i - 1] * 0x1.0p63, "x falls at " + i);
            }
        }
    }
}
