package org.actlab.lab.sweep;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.actlab.lab.experiment.TrialResult;
import org.actlab.lab.run.RunConfig;

/**
 * The results as one table, one row per trial in trial order: {@code trial} (the index), every run
 * option, then the measures, with the per-layer lists spread over {@code dead_1}, {@code saturated_1},
 * … (NaN where a trial has fewer layers). Cells are String, Long, Double or Boolean; a list option
 * (hidden, activations, features) is its JSON-like text, for example {@code [8,8]}.
 *
 * @param columns the column names
 * @param types   the column types, one per column
 * @param rows    the cells, row by row
 */
public record SweepTable(List<String> columns, List<Class<?>> types, List<List<Object>> rows) {

    private static final List<String> SCALARS = List.of("trainLoss", "testLoss", "trainAccuracy", "testAccuracy",
            "diverged", "divergedEpoch");
    private static final List<Class<?>> SCALAR_TYPES = List.of(Double.class, Double.class, Double.class, Double.class,
            Boolean.class, Long.class);

    public SweepTable {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** The table of {@code results}, in the order given (index i is trial {@code indices[i]}). */
    public static SweepTable of(List<Integer> indices, List<TrialResult> results) {
        int layers = 0;
        for (TrialResult r : results) {
            layers = Math.max(layers, r.numbers("dead").length);
        }
        List<String> columns = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        columns.add("trial");
        types.add(Long.class);
        RecordComponent[] options = RunConfig.class.getRecordComponents();
        for (RecordComponent c : options) {
            columns.add(c.getName());
            Class<?> t = c.getType();
            types.add(t == int.class || t == long.class ? Long.class : t == double.class ? Double.class
                    : t == boolean.class ? Boolean.class : String.class);
        }
        columns.addAll(SCALARS);
        types.addAll(SCALAR_TYPES);
        for (String list : List.of("dead", "saturated")) {
            for (int l = 1; l <= layers; l++) {
                columns.add(list + "_" + l);
                types.add(Double.class);
            }
        }
        columns.addAll(List.of("gradientRatio", "wallSeconds", "error"));
        types.addAll(List.of(Double.class, Double.class, String.class));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            TrialResult r = results.get(i);
            List<Object> row = new ArrayList<>();
            row.add((long) indices.get(i));
            for (RecordComponent c : options) {
                Object v = r.trial().run().get(c.getName());
                int col = row.size();
                row.add(v == null ? (types.get(col) == String.class ? "" : null)
                        : v instanceof List<?> list ? listText(list) : v);
            }
            for (String s : SCALARS) {
                row.add(r.measures().get(s));
            }
            for (String list : List.of("dead", "saturated")) {
                double[] values = r.numbers(list);
                for (int l = 0; l < layers; l++) {
                    row.add(l < values.length ? values[l] : Double.NaN);
                }
            }
            row.add(r.number("gradientRatio"));
            row.add(r.number("wallSeconds"));
            row.add(r.text("error"));
            rows.add(row);
        }
        return new SweepTable(columns, types, rows);
    }

    static String listText(List<?> list) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < list.size(); i++) {
            s.append(i == 0 ? "" : ",").append(list.get(i));
        }
        return s.append(']').toString();
    }

    /** The column's index. */
    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; columns: " + String.join(", ", columns));
        }
        return i;
    }

    /**
     * RFC 4180 CSV with a header line. Doubles in Java's shortest round-trip form, NaN as an empty
     * cell; fields with a comma, quote or line break quoted.
     *
     * @param withWallTime false leaves out {@code wallSeconds}, the one column that differs between
     *                     two runs of the same trial (for comparing tables across executors)
     */
    public String csv(boolean withWallTime) {
        StringBuilder s = new StringBuilder();
        int wall = columns.indexOf("wallSeconds");
        line(s, columns, wall, withWallTime);
        for (List<Object> row : rows) {
            line(s, row, wall, withWallTime);
        }
        return s.toString();
    }

    /**
     * The lines of a results CSV ({@link #csv csv(true)}, as a sweep writes {@code results.csv}) without
     * the {@code wallSeconds} column: the lines {@code csv(false)} gives for the same table, so that two
     * results files of the same trials, from different runs or executors, can be compared line by line.
     *
     * @throws IllegalArgumentException when the header has no {@code wallSeconds} column
     */
    public static List<String> withoutWallTime(List<String> csvLines) {
        if (csvLines.isEmpty()) {
            throw new IllegalArgumentException("a results CSV has a header line; got no lines");
        }
        // Split at the commas outside quotes: cell() quotes every field with a comma ("[8,8]").
        String cellBreak = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";
        int wall = List.of(csvLines.get(0).split(cellBreak, -1)).indexOf("wallSeconds");
        if (wall < 0) {
            throw new IllegalArgumentException("no wallSeconds column in the header '" + csvLines.get(0) + "'");
        }
        List<String> out = new ArrayList<>(csvLines.size());
        for (String line : csvLines) {
            List<String> cells = new ArrayList<>(List.of(line.split(cellBreak, -1)));
            cells.remove(wall);
            out.add(String.join(",", cells));
        }
        return out;
    }

    private static void line(StringBuilder s, List<?> cells, int wall, boolean withWallTime) {
        boolean first = true;
        for (int i = 0; i < cells.size(); i++) {
            if (i == wall && !withWallTime) {
                continue;
            }
            if (!first) {
                s.append(',');
            }
            first = false;
            s.append(cell(cells.get(i)));
        }
        s.append('\n');
    }

    private static String cell(Object v) {
        if (v == null || v instanceof Double d && d.isNaN()) {
            return "";
        }
        String text = v instanceof Double d ? Double.toString(d) : v.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text.toLowerCase(Locale.ROOT).equals(text) || !(v instanceof Boolean) ? text : text.toLowerCase(Locale.ROOT);
    }
}
