package org.actlab.lab.experiment;

import java.util.Locale;

/** Number formatting shared by headlines, tables and the command line. */
public final class Figures {

    private Figures() {
    }

    /** Four significant digits, scientific notation outside [1e-3, 1e5), and "nan"/"inf" spelt out. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e5) {
            String s = String.format(Locale.ROOT, "%.4g", v);
            // %.4g pads with zeros after the point; they carry no information here.
            if (s.contains(".") && !s.contains("e")) {
                s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return s;
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** A fraction as a percentage with one decimal. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "nan" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
