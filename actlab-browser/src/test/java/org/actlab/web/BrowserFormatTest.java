package org.actlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The browser's formatter against {@link java.util.Formatter}, for the formats actlab's messages use. */
class BrowserFormatTest {

    private static final String[] FORMATS = {"%.3g", "%.2f", "%.1f", "%.4f", "%.3e", "%.2e", "%g", "%e", "%f", "%10.3g",
        "%-8.2f|", "%+.3g", "%,.1f", "%08.3f"};

    private static void same(String format, Object... args) {
        assertEquals(String.format(Locale.ROOT, format, args), BrowserFormat.format(Locale.ROOT, format, args),
                format + " of " + java.util.Arrays.toString(args));
    }

    @Test
    void numbersFormatAsJavaFormatsThem() {
        double[] edges = {0, -0.0, 1, -1, 0.5, 0.05, 0.0005, 1e-4, 9.9995e-5, 0.00099995, 9.995, 99.95, 999.5, 1e5, 123456.5,
            1e-300, 1e300, 2.5, 0.125, 1.0005, 0.15, 0.25, 0.35, 1.45, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (String format : FORMATS) {
            for (double v : edges) {
                same(format, v);
            }
        }
        // Random magnitudes over 40 decades, as gradient norms and losses come.
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble(-20, 20)) * random.nextDouble();
            same(FORMATS[i % FORMATS.length], v);
        }
    }

    @Test
    void actlabsMessagesFormatAlike() {
        same("layer %d (%s): mean activation %.3g = %.2f of its RMS (threshold %.2f); layer %d: %s of units", 0, "tanh",
                0.012345, 0.5, 0.2, 1, "10 %");
        same("training diverged at epoch %d: the training loss grew from %s before %s", 12, "1.5", "x");
        same("%.1f %s", 12.25, "MiB");
        same("%5d|%-5d|%05d|%,d|%x|%X|%c|%b|%%|%n", 42, -42, -42, 1234567, 255, 255L, 'x', true);
    }
}
