package org.actlab.activation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** erfc(z) at double z to 40 digits (mpmath), shared by the tests of both erfc implementations. */
public final class ErfcFixtures {

    /** z and the exact erfc(z) rounded to double. */
    public record Point(double z, double erfc) {
    }

    private ErfcFixtures() {
    }

    public static List<Point> load() {
        List<Point> points = new ArrayList<>();
        try (InputStream raw = ErfcFixtures.class.getResourceAsStream("/org/actlab/activation/erfc-fixtures.tsv")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                points.add(new Point(Double.longBitsToDouble(Long.parseUnsignedLong(cells[0], 16)),
                        Double.parseDouble(cells[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return points;
    }

    /** |got - exact| in units of ulp(exact); subnormal results count against the smallest double. */
    public static double doubleUlps(double got, double exact) {
        return got == exact ? 0 : Math.abs(got - exact) / Math.ulp(exact);
    }
}
