package org.actlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsing numbers from the command line and from text files, with messages that name the bad value. */
final class Numbers {

    /** The most points {@code --range} may ask for. */
    static final int MAX_POINTS = 10_000_000;

    private Numbers() {
    }

    /**
     * A float from decimal or hexadecimal text ({@code 0x1p-3}); also {@code inf}, {@code -inf},
     * {@code nan} and Java's {@code Infinity} and {@code NaN}. Decimal text is rounded once to the
     * nearest float.
     */
    static float parseFloat(String text, String what) {
        Double special = special(text);
        if (special != null) {
            return special.floatValue();
        }
        try {
            return Float.parseFloat(checked(text, what));
        } catch (NumberFormatException e) {
            throw notANumber(text, what);
        }
    }

    /** A double, read like {@link #parseFloat}. */
    static double parseDouble(String text, String what) {
        Double special = special(text);
        if (special != null) {
            return special;
        }
        try {
            return Double.parseDouble(checked(text, what));
        } catch (NumberFormatException e) {
            throw notANumber(text, what);
        }
    }

    private static Double special(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "inf":
            case "+inf":
            case "infinity":
            case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                return null;
        }
    }

    private static String checked(String text, String what) {
        String t = text.trim();
        // Java's parser also takes "1f" and "1d"; to a user those are typos, not numbers.
        if (t.isEmpty() || Character.isLetter(t.charAt(t.length() - 1))) {
            throw notANumber(text, what);
        }
        return t;
    }

    private static IllegalArgumentException notANumber(String text, String what) {
        return new IllegalArgumentException(what + ": '" + text + "' is not a number");
    }

    /**
     * {@code A:B:N}: N evenly spaced floats from A to B inclusive (N = 1 gives A).
     */
    static float[] range(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("--range: '" + spec + "' is not A:B:N, for example -5:5:101");
        }
        double from = parseDouble(parts[0], "--range start");
        double to = parseDouble(parts[1], "--range end");
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("--range: ends must be finite, got '" + spec + "'");
        }
        int n;
        try {
            n = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--range: point count '" + parts[2] + "' is not an integer");
        }
        if (n < 1 || n > MAX_POINTS) {
            throw new IllegalArgumentException("--range: point count must be in 1.." + MAX_POINTS + ", got " + n);
        }
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) {
            xs[i] = n == 1 ? (float) from : (float) (from + (to - from) * i / (n - 1));
        }
        return xs;
    }

    /** One number per line; blank lines and lines starting with {@code #} are skipped. */
    static float[] readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Float> values = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            values.add(parseFloat(line, file + ":" + (i + 1)));
        }
        float[] xs = new float[values.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = values.get(i);
        }
        return xs;
    }
}
