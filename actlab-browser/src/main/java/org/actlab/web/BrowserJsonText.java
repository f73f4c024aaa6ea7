package org.actlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON tree node as compact text, for the error messages that quote a bad value
 * ({@link PlaygroundConfig#parse} calls {@code node.toString()}). In the WebAssembly build,
 * {@code org.actlab.browser.build.BrowserBuildTransformer} makes Jackson's {@code toString} call this,
 * since Jackson's own goes through an {@code ObjectMapper}, whose reflection does not compile there.
 */
public final class BrowserJsonText {

    private BrowserJsonText() {
    }

    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** A number node's text, as {@code asText()} gives it. */
    public static String number(JsonNode node) {
        return node.isIntegralNumber() ? String.valueOf(node.longValue()) : String.valueOf(node.doubleValue());
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isTextual()) {
            String error = BrowserJson.error(node.textValue());
            out.append(error, "{\"error\":".length(), error.length() - 1);
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            out.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!first) {
                    out.append(',');
                }
                first = false;
                String error = BrowserJson.error(field.getKey());
                out.append(error, "{\"error\":".length(), error.length() - 1).append(':');
                write(field.getValue(), out);
            }
            out.append('}');
        } else {
            out.append('?');
        }
    }
}
