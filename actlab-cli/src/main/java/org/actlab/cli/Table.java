package org.actlab.cli;

import java.util.List;

/** Plain-text tables: left-aligned columns separated by two spaces, a rule under the header. */
final class Table {

    private Table() {
    }

    /** Formats rows; the first row is the header. */
    static String format(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int j = 0; j < columns; j++) {
                width[j] = Math.max(width[j], row[j].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            appendRow(out, rows.get(i), width);
            if (i == 0) {
                String[] rule = new String[columns];
                for (int j = 0; j < columns; j++) {
                    rule[j] = "-".repeat(width[j]);
                }
                appendRow(out, rule, width);
            }
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] row, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < row.length; j++) {
            line.append(row[j]);
            if (j < row.length - 1) {
                line.append(" ".repeat(width[j] - row[j].length() + 2));
            }
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
