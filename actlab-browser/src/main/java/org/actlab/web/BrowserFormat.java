package org.actlab.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code String.format} for the WebAssembly build, whose class library formats no {@code %g} or {@code %e}:
 * the build (see {@code org.actlab.browser.build.BrowserBuildTransformer}) sends actlab's calls here, so the
 * advice and divergence messages read as on the server. It covers what actlab's messages use: {@code %s %d
 * %f %e %g %x %c %b %% %n} with flags {@code -+0,( #} and space, width and precision, always in
 * {@link Locale#ROOT}. Rounding is Java's: half-up on the shortest decimal of the double.
 * {@code BrowserFormatTest} compares it with {@link java.util.Formatter} on the JVM.
 */
public final class BrowserFormat {

    private BrowserFormat() {
    }

    public static String format(Locale locale, String format, Object... args) {
        return format(format, args);
    }

    public static String format(String format, Object... args) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            String flags = "";
            while (i < format.length() && "-+0,( #".indexOf(format.charAt(i)) >= 0) {
                flags += format.charAt(i++);
            }
            int width = -1;
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(format.substring(start, i));
            }
            int precision = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                start = ++i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                precision = Integer.parseInt(format.substring(start, i));
            }
            if (i >= format.length()) {
                throw new IllegalArgumentException("format ends inside a conversion: " + format);
            }
            char conversion = format.charAt(i++);
            String text;
            switch (conversion) {
                case '%' -> text = "%";
                case 'n' -> text = "\n";
                default -> {
                    if (next >= args.length) {
                        throw new IllegalArgumentException("format needs more arguments: " + format);
                    }
                    text = convert(conversion, flags, precision, args[next++]);
                }
            }
            out.append(pad(text, flags, width));
        }
        return out.toString();
    }

    private static String convert(char conversion, String flags, int precision, Object arg) {
        switch (conversion) {
            case 's', 'S' -> {
                String s = String.valueOf(arg);
                if (precision >= 0 && s.length() > precision) {
                    s = s.substring(0, precision);
                }
                return conversion == 'S' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 'b' -> {
                return String.valueOf(arg != null && (!(arg instanceof Boolean) || (Boolean) arg));
            }
            case 'c' -> {
                return arg == null ? "null" : arg instanceof Character ? arg.toString()
                        : new String(Character.toChars(((Number) arg).intValue()));
            }
            case 'd' -> {
                if (arg == null) {
                    return "null";
                }
                long v = ((Number) arg).longValue();
                return sign(group(Long.toString(Math.abs(v)).replace("-", ""), flags), v < 0, flags);
            }
            case 'x', 'X' -> {
                String s = arg instanceof Long ? Long.toHexString((Long) arg) : Integer.toHexString(((Number) arg).intValue());
                return conversion == 'X' ? s.toUpperCase(Locale.ROOT) : s;
            }
            case 'f', 'e', 'E', 'g', 'G' -> {
                if (arg == null) {
                    return "null";
                }
                double v = ((Number) arg).doubleValue();
                if (Double.isNaN(v)) {
                    return "NaN";
                }
                if (Double.isInfinite(v)) {
                    return sign("Infinity", v < 0, flags);
                }
                boolean negative = v < 0 || (v == 0 && 1 / v < 0);
                String body = switch (conversion) {
                    case 'f' -> group(fixed(Math.abs(v), precision < 0 ? 6 : precision), flags);
                    case 'e', 'E' -> scientific(Math.abs(v), precision < 0 ? 6 : precision);
                    default -> general(Math.abs(v), precision < 0 ? 6 : Math.max(precision, 1), flags);
                };
                if (Character.isUpperCase(conversion)) {
                    body = body.toUpperCase(Locale.ROOT);
                }
                return sign(body, negative, flags);
            }
            default -> throw new IllegalArgumentException("unsupported conversion %" + conversion);
        }
    }

    /** The decimal Java's Formatter starts from: the shortest one that reads back as the double. */
    private static BigDecimal decimal(double v) {
        return new BigDecimal(Double.toString(v));
    }

    private static String fixed(double v, int precision) {
        return decimal(v).setScale(precision, RoundingMode.HALF_UP).toPlainString();
    }

    private static String scientific(double v, int precision) {
        if (v == 0) {
            return "0" + (precision > 0 ? "." + "0".repeat(precision) : "") + "e+00";
        }
        BigDecimal d = decimal(v);
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).setScale(precision, RoundingMode.HALF_UP);
        if (mantissa.compareTo(BigDecimal.TEN) >= 0) {
            exponent++;
            mantissa = d.movePointLeft(exponent).setScale(precision, RoundingMode.HALF_UP);
        }
        int e = Math.abs(exponent);
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
    }

    /** Java's %g: after rounding to {@code precision} digits, fixed notation for 10⁻⁴ ≤ |v| &lt; 10^precision, else scientific. */
    private static String general(double v, int precision, String flags) {
        if (v == 0) {
            return fixed(0, precision - 1);
        }
        BigDecimal rounded = decimal(v).round(new java.math.MathContext(precision, RoundingMode.HALF_UP));
        if (rounded.compareTo(new BigDecimal("0.0001")) >= 0 && rounded.compareTo(BigDecimal.TEN.pow(precision)) < 0) {
            int exponent = rounded.precision() - rounded.scale() - 1;
            return group(rounded.setScale(Math.max(0, precision - 1 - exponent), RoundingMode.HALF_UP).toPlainString(), flags);
        }
        return scientific(v, precision - 1);
    }

    private static String group(String digits, String flags) {
        if (flags.indexOf(',') < 0) {
            return digits;
        }
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return out + (dot < 0 ? "" : digits.substring(dot));
    }

    private static String sign(String body, boolean negative, String flags) {
        if (negative) {
            return flags.indexOf('(') >= 0 ? "(" + body + ")" : "-" + body;
        }
        return flags.indexOf('+') >= 0 ? "+" + body : flags.indexOf(' ') >= 0 ? " " + body : body;
    }

    private static String pad(String text, String flags, int width) {
        if (width <= text.length()) {
            return text;
        }
        String fill = " ".repeat(width - text.length());
        if (flags.indexOf('-') >= 0) {
            return text + fill;
        }
        int at = text.startsWith("-") || text.startsWith("+") || text.startsWith(" ") ? 1 : 0;
        // NaN and Infinity are padded with spaces, as Java does.
        if (flags.indexOf('0') >= 0 && at < text.length() && Character.isDigit(text.charAt(at))) {
            return text.substring(0, at) + "0".repeat(width - text.length()) + text.substring(at);
        }
        return fill + text;
    }
}
