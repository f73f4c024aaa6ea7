package org.actlab.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.actlab.data.AtomicFile;

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

    /**
     * One number per line, from a file or from standard input ({@code -}); blank lines and lines
     * starting with {@code #} are skipped. Read as a stream of strict UTF-8 text.
     */
    static float[] readFile(Path file) {
        boolean stdin = file.toString().equals("-");
        String name = stdin ? "standard input" : file.toString();
        float[] xs = new float[1024];
        int n = 0;
        int lineNumber = 0;
        try (InputStream raw = stdin ? new FilterInputStream(System.in) {
                @Override
                public void close() {
                    // Standard input belongs to the process, not to this reader.
                }
            } : Files.newInputStream(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": NUL bytes: a binary file (or UTF-16 text), not numbers");
                }
                if (n == xs.length) {
                    if (n >= MAX_POINTS) {
                        throw new IllegalArgumentException(name + ": more than " + MAX_POINTS + " numbers");
                    }
                    xs = Arrays.copyOf(xs, Math.min(MAX_POINTS, 2 * n));
                }
                xs[n++] = parseFloat(line, name + ":" + lineNumber);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + ": not UTF-8 text (a binary file, or another"
                    + " encoding such as Latin-1 or UTF-16)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + name + ": " + AtomicFile.describe(e));
        }
        return Arrays.copyOf(xs, n);
    }
}
