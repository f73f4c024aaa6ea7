package org.actlab.activation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The mpmath fixtures written by {@code src/test/python/generate_activation_fixtures.py}: for each
 * spec, points x with f(x) and f'(x) to 40 digits, parsed to the nearest double.
 */
final class Fixtures {

    /** One fixture point: x and the exact f(x), f'(x) rounded to double. */
    record Point(float x, double value, double derivative) {
    }

    static final String RESOURCE = "/org/actlab/activation/activation-fixtures.tsv.gz";

    /** Functions made only of linear pieces: their values must be correctly rounded (<= 0.5 ULP). */
    static final Set<String> PIECEWISE_LINEAR = Set.of("identity", "relu", "relu6", "hard_sigmoid", "leaky_relu",
            "prelu", "rrelu", "hard_tanh", "softshrink", "hardshrink", "threshold", "thresholded_relu");

    private static Map<String, List<Point>> cache;

    private Fixtures() {
    }

    /** All fixture points by spec, in file order. */
    static synchronized Map<String, List<Point>> bySpec() {
        if (cache == null) {
            cache = Collections.unmodifiableMap(load());
        }
        return cache;
    }

    static List<String> specs() {
        return new ArrayList<>(bySpec().keySet());
    }

    private static Map<String, List<Point>> load() {
        Map<String, List<Point>> rows = new LinkedHashMap<>();
        try (InputStream raw = Fixtures.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t");
                float x = Float.intBitsToFloat(Integer.parseUnsignedInt(cells[1], 16));
                // Double.parseDouble rounds a decimal string correctly, as BigDecimal.doubleValue does.
                rows.computeIfAbsent(cells[0], k -> new ArrayList<>())
                        .add(new Point(x, Double.parseDouble(cells[2]), Double.parseDouble(cells[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The largest allowed value error in ULPs: 0.5 (correctly rounded) for piecewise-linear functions, else 1. */
    static double valueTolerance(Activation a) {
        return PIECEWISE_LINEAR.contains(a.id()) ? 0.5 : 1.0;
    }

    /** The largest allowed derivative error: derivatives of piecewise-linear functions are constants, exact. */
    static double derivativeTolerance(Activation a) {
        return PIECEWISE_LINEAR.contains(a.id()) ? 0.5 : 1.0;
    }
}
