package org.actlab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON document into Jackson's tree model without an {@code ObjectMapper}, whose reflection does
 * not compile to WebAssembly: the browser hands {@link PlaygroundConfig#parse} the same tree the server
 * does, so both check a config with one piece of code. Strict as the server's reader: duplicate keys and
 * trailing content are errors.
 */
final class JsonTree {

    private final String text;
    private int at;

    private JsonTree(String text) {
        this.text = text;
    }

    /**
     * The tree of {@code text}, or null for blank text (an empty body).
     *
     * @throws IllegalArgumentException naming the position of the first error
     */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonTree reader = new JsonTree(text);
        JsonNode node = reader.value(0);
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("trailing content after the JSON document");
        }
        return node;
    }

    /** Nesting deeper than this is refused, as a server refuses oversized bodies. */
    private static final int MAX_DEPTH = 64;

    private JsonNode value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        space();
        if (at >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return JsonNodeFactory.instance.textNode(string());
            case 't':
                literal("true");
                return JsonNodeFactory.instance.booleanNode(true);
            case 'f':
                literal("false");
                return JsonNodeFactory.instance.booleanNode(false);
            case 'n':
                literal("null");
                return JsonNodeFactory.instance.nullNode();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private ObjectNode object(int depth) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        at++;
        space();
        if (peek() == '}') {
            at++;
            return node;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String key = string();
            if (node.has(key)) {
                throw error("duplicate field '" + PlaygroundConfig.shorten(key) + "'");
            }
            space();
            expect(':');
            node.set(key, value(depth + 1));
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return node;
            }
        }
    }

    private ArrayNode array(int depth) {
        ArrayNode node = JsonNodeFactory.instance.arrayNode();
        at++;
        space();
        if (peek() == ']') {
            at++;
            return node;
        }
        while (true) {
            node.add(value(depth + 1));
            space();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return node;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    /** A number as JSON writes it; integers stay integral nodes, so "must be an integer" checks read them as the server does. */
    private JsonNode number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        boolean integral = true;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                at++;
            } else {
                break;
            }
        }
        String literal = text.substring(start, at);
        try {
            if (integral) {
                long value = Long.parseLong(literal);
                return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value)
                        : JsonNodeFactory.instance.numberNode(value);
            }
            return JsonNodeFactory.instance.numberNode(Double.parseDouble(literal));
        } catch (NumberFormatException e) {
            if (integral && literal.length() > (literal.startsWith("-") ? 1 : 0)) {
                // Beyond 64 bits: a double, which the config's integer checks then refuse with the field's name.
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(literal));
            }
            throw error("bad number '" + PlaygroundConfig.shorten(literal) + "'");
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected token");
        }
        at += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void space() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\n' || text.charAt(at) == '\r'
                || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("bad JSON at character " + at + ": " + message);
    }
}
