package org.actlab.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Numeric CSV files with a header line: comma-separated, one row per line, blank lines and lines
 * starting with {@code #} skipped, header names and values optionally in double quotes. The text must
 * be UTF-8 (a byte-order mark is skipped); every value must be a number that is finite as a float. A
 * bad row is reported with its file and line number, with a hint when the file seems to use
 * semicolons or tabs. Files, standard input ({@value #STDIN}) and text in memory are read as streams.
 *
 * <p>Task of the label column, when not given: all values 0 or 1 → {@link Dataset.Task#BINARY};
 * all non-negative integers below {@value #MAX_CLASSES} with a value above 1 →
 * {@link Dataset.Task#MULTICLASS} (one-hot, classes 0..max); else {@link Dataset.Task#REGRESSION}.
 */
public final class Csv {

    /** The most classes a label column may have to be read as multiclass. */
    public static final int MAX_CLASSES = 1000;

    private Csv() {
    }

    /**
     * The numbers of a CSV file.
     *
     * @param header  the column names
     * @param values  rows × columns, row-major
     * @param rows    number of data rows
     */
    public record Table(List<String> header, double[] values, int rows) {
        public Table {
            header = List.copyOf(header);
        }

        public int columns() {
            return header.size();
        }

        /**
         * The index of a column given by name (exact, then ignoring case) or by 0-based index
         * ({@code -1} is the last column).
         */
        public int column(String nameOrIndex) {
            String key = nameOrIndex.trim();
            int byName = header.indexOf(key);
            if (byName >= 0) {
                return byName;
            }
            for (int j = 0; j < header.size(); j++) {
                if (header.get(j).equalsIgnoreCase(key)) {
                    return j;
                }
            }
            try {
                int index = Integer.parseInt(key);
                int resolved = index < 0 ? header.size() + index : index;
                if (resolved >= 0 && resolved < header.size()) {
                    return resolved;
                }
                throw new IllegalArgumentException("column index " + index + " outside 0.." + (header.size() - 1)
                        + " (or -1 for the last)");
            } catch (NumberFormatException notIndex) {
                throw new IllegalArgumentException("no column '" + nameOrIndex + "'; columns are " + String.join(", ", header));
            }
        }
    }

    /**
     * A data set read from CSV.
     *
     * @param data         the data set, values as in the file
     * @param featureNames the header names of the feature columns
     * @param labelName    the header name of the label column
     */
    public record Loaded(Dataset data, List<String> featureNames, String labelName) {
    }

    /** The name that reads standard input instead of a file. */
    public static final String STDIN = "-";

    /**
     * Reads a header line and numeric rows from a file, or from standard input when the path is
     * {@value #STDIN}.
     *
     * @throws IllegalArgumentException for a missing or unreadable file, an empty file, a file that is
     *                                  not UTF-8 text, a row with the wrong number of values or a value
     *                                  that is not a finite float, naming the file and the line
     */
    public static Table readTable(Path file) {
        if (file.toString().equals(STDIN)) {
            return readTable(System.in, "standard input");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw AtomicFile.cannotRead(file, "file", e);
        }
        try (in) {
            return readTable(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + AtomicFile.describe(e));
        }
    }

    /**
     * Reads CSV bytes as strict UTF-8 (a UTF-8 byte-order mark is skipped); UTF-16 and binary input
     * are refused with a message saying so. The stream is read once and not closed.
     *
     * @param name what to call the input in messages
     */
    public static Table readTable(InputStream in, String name) {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        try {
            buffered.mark(4);
            int b0 = buffered.read();
            int b1 = buffered.read();
            int b2 = buffered.read();
            buffered.reset();
            if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
                throw new IllegalArgumentException(name + ": the file is UTF-16 text; save it as UTF-8 CSV");
            }
            if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
                buffered.skip(3);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + name + ": " + AtomicFile.describe(e));
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return readTable(new BufferedReader(new InputStreamReader(buffered, utf8), 1 << 16), name);
    }

    /**
     * Reads CSV text (for example an upload held in memory). The reader is read once and not closed.
     *
     * @param name what to call the input in messages
     */
    public static Table readTable(Reader text, String name) {
        BufferedReader in = text instanceof BufferedReader b ? b : new BufferedReader(text, 1 << 16);
        List<String> header = null;
        String headerLine = null;
        double[] values = new double[1024];
        int rows = 0;
        int lineNumber = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": NUL bytes: a binary file (or UTF-16 text), not a CSV file");
                }
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] cells = trimmed.split(",", -1);
                if (header == null) {
                    header = new ArrayList<>();
                    headerLine = trimmed;
                    for (String cell : cells) {
                        header.add(unquote(cell.trim()));
                    }
                    checkHeader(name, lineNumber, header);
                    continue;
                }
                if (cells.length != header.size()) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": expected " + header.size()
                            + " values (as in the header), found " + cells.length + delimiterHint(trimmed));
                }
                int columns = header.size();
                if ((long) (rows + 1) * columns > values.length) {
                    long grown = Math.max((long) values.length * 2, (long) (rows + 1) * columns);
                    if (grown > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException(name + ":" + lineNumber + ": file too large");
                    }
                    values = Arrays.copyOf(values, (int) grown);
                }
                for (int j = 0; j < columns; j++) {
                    values[rows * columns + j] = parse(name, lineNumber, header.get(j), cells[j].trim());
                }
                rows++;
            }
        } catch (CharacterCodingException e) {
            // The decoder reads ahead, so the line is not known exactly.
            throw new IllegalArgumentException(name + ": not UTF-8 text (a binary file, or another"
                    + " encoding such as Latin-1 or UTF-16); save it as UTF-8 CSV");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + name + ": " + AtomicFile.describe(e));
        }
        if (header == null) {
            throw new IllegalArgumentException(name + ": empty file, expected a header line");
        }
        if (header.size() == 1 && !delimiterHint(headerLine).isEmpty()) {
            throw new IllegalArgumentException(name + ": the header has a single column" + delimiterHint(headerLine));
        }
        return new Table(header, Arrays.copyOf(values, rows * header.size()), rows);
    }

    /** A hint when a line looks separated by semicolons or tabs rather than commas; empty otherwise. */
    private static String delimiterHint(String line) {
        if (line == null || line.contains(",")) {
            return "";
        }
        if (line.indexOf(';') >= 0) {
            return "; the values seem separated by ';': actlab reads comma-separated values";
        }
        if (line.indexOf('\t') >= 0) {
            return "; the values seem separated by tabs: actlab reads comma-separated values";
        }
        return "";
    }

    private static void checkHeader(String file, int lineNumber, List<String> header) {
        for (int j = 0; j < header.size(); j++) {
            if (header.get(j).isEmpty()) {
                throw new IllegalArgumentException(file + ":" + lineNumber + ": header column " + (j + 1) + " has no name");
            }
        }
        if (new TreeSet<>(header).size() != header.size()) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": header names repeat: " + String.join(",", header));
        }
    }

    private static String unquote(String cell) {
        if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
            return cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
        }
        return cell;
    }

    private static double parse(String file, int lineNumber, String column, String cell) {
        // A spreadsheet may quote every cell, numbers included.
        String text = unquote(cell).trim();
        double value;
        try {
            value = Double.parseDouble(text);
            // Java's parser also takes "1f" and "1d"; in a data file those are typos, not numbers.
            if (text.isEmpty() || "fFdD".indexOf(text.charAt(text.length() - 1)) >= 0) {
                throw new NumberFormatException(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": column '" + column + "': '" + cell
                    + "' is not a number" + delimiterHint(cell));
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": column '" + column + "': " + cell
                    + " is not finite");
        }
        if (Math.abs(value) > Float.MAX_VALUE) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": column '" + column + "': " + cell
                    + " is outside the float range (about ±3.4e38)");
        }
        return value;
    }

    /**
     * Loads a data set: the label column becomes the target, every other column a feature. The values
     * are as in the file: standardisation belongs after the train/test split, fitted on the training
     * rows only ({@link Standardisation#fit}).
     *
     * @param file  a CSV file with a header line, or {@value #STDIN} for standard input
     * @param label the label column by name or 0-based index ({@code -1}: last); null means the last column
     * @param task  the task, or null to infer it (see the class comment)
     */
    public static Loaded load(Path file, String label, Dataset.Task task) {
        String name = file.toString().equals(STDIN) ? "stdin" : stripExtension(file.getFileName().toString());
        return load(readTable(file), file.toString().equals(STDIN) ? "standard input" : file.toString(), name, label, task);
    }

    /**
     * As {@link #load(Path, String, Dataset.Task)}, from CSV text held in memory (an upload).
     *
     * @param source what to call the input in messages
     * @param name   the data set's name
     */
    public static Loaded load(Reader text, String source, String name, String label, Dataset.Task task) {
        return load(readTable(text, source), source, name, label, task);
    }

    private static Loaded load(Table table, String file, String name, String label, Dataset.Task task) {
        if (table.columns() < 2) {
            throw new IllegalArgumentException(file + ": need at least one feature column and one label column, found "
                    + table.columns() + " column(s)");
        }
        if (table.rows() == 0) {
            throw new IllegalArgumentException(file + ": no data rows after the header");
        }
        int labelColumn = table.column(label == null ? "-1" : label);
        int columns = table.columns();
        int features = columns - 1;
        double[] labels = new double[table.rows()];
        float[] x = new float[table.rows() * features];
        List<String> featureNames = new ArrayList<>(table.header());
        featureNames.remove(labelColumn);
        for (int row = 0; row < table.rows(); row++) {
            int k = 0;
            for (int j = 0; j < columns; j++) {
                double v = table.values()[row * columns + j];
                if (j == labelColumn) {
                    labels[row] = v;
                } else {
                    x[row * features + k++] = (float) v;
                }
            }
        }
        Dataset.Task resolved = task != null ? task : inferTask(labels);
        Dataset data = new Dataset(name, x, targets(file, table.header().get(labelColumn), labels, resolved),
                table.rows(), features, resolved == Dataset.Task.MULTICLASS ? classes(labels) : 1, resolved);
        return new Loaded(data, featureNames, table.header().get(labelColumn));
    }

    static Dataset.Task inferTask(double[] labels) {
        boolean binary = true;
        boolean classes = true;
        for (double v : labels) {
            binary &= v == 0 || v == 1;
            classes &= v >= 0 && v < MAX_CLASSES && v == Math.rint(v);
        }
        return binary ? Dataset.Task.BINARY : classes ? Dataset.Task.MULTICLASS : Dataset.Task.REGRESSION;
    }

    private static int classes(double[] labels) {
        double max = 0;
        for (double v : labels) {
            max = Math.max(max, v);
        }
        return Math.max(2, (int) max + 1);
    }

    private static float[] targets(String file, String column, double[] labels, Dataset.Task task) {
        if (task == Dataset.Task.MULTICLASS) {
            int k = classes(labels);
            float[] y = new float[labels.length * k];
            for (int row = 0; row < labels.length; row++) {
                double v = labels[row];
                if (!(v >= 0 && v < MAX_CLASSES && v == Math.rint(v))) {
                    throw new IllegalArgumentException(file + ": data row " + (row + 1) + ": label '" + column + "' = " + v
                            + " is not a class index 0.." + (MAX_CLASSES - 1));
                }
                y[row * k + (int) v] = 1;
            }
            return y;
        }
        float[] y = new float[labels.length];
        for (int row = 0; row < labels.length; row++) {
            if (task == Dataset.Task.BINARY && labels[row] != 0 && labels[row] != 1) {
                throw new IllegalArgumentException(file + ": data row " + (row + 1) + ": label '" + column + "' = "
                        + labels[row] + " is not 0 or 1");
            }
            y[row] = (float) labels[row];
        }
        return y;
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Writes a data set as CSV, whole or not at all: a header {@code x1,...,xd,label} (the class
     * index for BINARY and MULTICLASS) or {@code x1,...,xd,y} ({@code y1,...,yk} for several
     * targets) for REGRESSION, then one row per sample. Values are printed with
     * {@link Float#toString(float)}, so they read back to the same floats.
     */
    public static void write(Dataset data, Path file) {
        try {
            AtomicFile.write(file, out -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write(header(data));
                w.write('\n');
                StringBuilder line = new StringBuilder();
                for (int row = 0; row < data.n(); row++) {
                    line.setLength(0);
                    for (int j = 0; j < data.features(); j++) {
                        line.append(data.x()[row * data.features() + j]).append(',');
                    }
                    appendTargets(data, row, line);
                    w.write(line.append('\n').toString());
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    private static String header(Dataset data) {
        StringBuilder h = new StringBuilder();
        for (int j = 1; j <= data.features(); j++) {
            h.append('x').append(j).append(',');
        }
        if (data.task() != Dataset.Task.REGRESSION) {
            return h.append("label").toString();
        }
        if (data.targets() == 1) {
            return h.append('y').toString();
        }
        for (int k = 1; k <= data.targets(); k++) {
            h.append(k > 1 ? "," : "").append('y').append(k);
        }
        return h.toString();
    }

    private static void appendTargets(Dataset data, int row, StringBuilder line) {
        int t = data.targets();
        if (data.task() == Dataset.Task.MULTICLASS) {
            line.append(Dataset.argmax(data.y(), row * t, t));
        } else if (data.task() == Dataset.Task.BINARY) {
            line.append(data.y()[row] >= 0.5f ? 1 : 0);
        } else {
            for (int k = 0; k < t; k++) {
                line.append(k > 0 ? "," : "").append(data.y()[row * t + k]);
            }
        }
    }
}
