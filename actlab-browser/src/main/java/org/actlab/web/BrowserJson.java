package org.actlab.web;

import java.util.List;
import java.util.Map;

/**
 * Writes the API's documents ({@link Payloads}, {@link PlaygroundConfig}) as the server's Jackson
 * configuration ({@code lab.run.RunJson}) writes them: the same field names, non-finite numbers as
 * {@code null}, floats as floats. Jackson's reflection does not compile to WebAssembly, so the browser
 * build writes them by hand; {@code BrowserJsonTest} checks on the JVM that both give the same tree.
 */
final class BrowserJson {

    private final StringBuilder out = new StringBuilder(4096);

    private BrowserJson() {
    }

    static String state(Payloads.State s) {
        BrowserJson w = new BrowserJson();
        w.state0(s);
        return w.out.toString();
    }

    static String update(Payloads.Update u) {
        BrowserJson w = new BrowserJson();
        w.update0(u);
        return w.out.toString();
    }

    static String heatmap(Payloads.Heatmap h) {
        BrowserJson w = new BrowserJson();
        w.heatmap0(h);
        return w.out.toString();
    }

    static String config(PlaygroundConfig c) {
        BrowserJson w = new BrowserJson();
        w.config0(c);
        return w.out.toString();
    }

    static String history(List<Payloads.HistoryPoint> history) {
        BrowserJson w = new BrowserJson();
        w.list(history, w::historyPoint);
        return w.out.toString();
    }

    static String health(Payloads.Health h) {
        BrowserJson w = new BrowserJson();
        w.health0(h);
        return w.out.toString();
    }

    static String weights(List<Payloads.LayerWeights> layers) {
        BrowserJson w = new BrowserJson();
        w.list(layers, l -> {
            w.begin().field("index").number(l.index()).field("activation").string(l.activation())
                    .field("inputs").number(l.inputs()).field("units").number(l.units())
                    .field("weights").floats(l.weights()).field("bias").floats(l.bias()).end();
        });
        return w.out.toString();
    }

    /** {"error": message}: the server's error body. */
    static String error(String message) {
        BrowserJson w = new BrowserJson();
        w.begin().field("error").string(message).end();
        return w.out.toString();
    }

    /** A map of names to already written JSON values. */
    static String object(Map<String, String> rawValues) {
        BrowserJson w = new BrowserJson();
        w.begin();
        for (Map.Entry<String, String> e : rawValues.entrySet()) {
            w.field(e.getKey());
            w.out.append(e.getValue());
            w.comma = true;
        }
        w.end();
        return w.out.toString();
    }

    private void state0(Payloads.State s) {
        begin().field("session").string(s.session()).field("config");
        config0(s.config());
        field("domain").doubles(s.domain()).field("train");
        points(s.train());
        field("test");
        points(s.test());
        field("history");
        list(s.history(), this::historyPoint);
        field("update");
        update0(s.update());
        end();
    }

    private void points(Payloads.Points p) {
        begin().field("n").number(p.n()).field("xy").floats(p.xy()).end();
    }

    private void historyPoint(Payloads.HistoryPoint p) {
        begin().field("epoch").number(p.epoch()).field("trainLoss").number(p.trainLoss())
                .field("testLoss").number(p.testLoss()).field("trainAccuracy").number(p.trainAccuracy())
                .field("testAccuracy").number(p.testAccuracy()).field("gradientNorms").doubles(p.gradientNorms()).end();
    }

    private void update0(Payloads.Update u) {
        begin().field("session").string(u.session()).field("epoch").number(u.epoch()).field("step").number(u.step())
                .field("playing").bool(u.playing()).field("trainLoss").number(u.trainLoss())
                .field("testLoss").number(u.testLoss()).field("trainAccuracy").number(u.trainAccuracy())
                .field("testAccuracy").number(u.testAccuracy()).field("points");
        list(u.points(), this::historyPoint);
        nullable("heatmap", u.heatmap(), this::heatmap0);
        nullable("thumbs", u.thumbs(), t -> begin().field("size").number(t.size()).field("units").ints(t.units())
                .field("values").string(t.values()).end());
        field("layers");
        list(u.layers(), l -> begin().field("index").number(l.index()).field("activation").string(l.activation())
                .field("inputs").number(l.inputs()).field("units").number(l.units())
                .field("weights").floats(l.weights()).field("bias").floats(l.bias()).field("flags").ints(l.flags())
                .field("nearAsymptote").bools(l.nearAsymptote()).end());
        nullable("health", u.health(), this::health0);
        nullable("diverged", u.diverged(), d -> begin().field("epoch").number(d.epoch()).field("step").number(d.step())
                .field("message").string(d.message()).end());
        end();
    }

    private void heatmap0(Payloads.Heatmap h) {
        begin().field("size").number(h.size()).field("values").floats(h.values()).end();
    }

    private void health0(Payloads.Health h) {
        begin().field("epoch").number(h.epoch()).field("layers");
        list(h.layers(), l -> begin().field("index").number(l.index()).field("activation").string(l.activation())
                .field("units").number(l.units()).field("meanActivation").number(l.meanActivation())
                .field("stdActivation").number(l.stdActivation()).field("saturatedFraction").number(l.saturatedFraction())
                .field("saturatedUnits").number(l.saturatedUnits()).field("deadFraction").number(l.deadFraction())
                .field("signCoherence").number(l.signCoherence()).field("gradientNorm").number(l.gradientNorm())
                .field("updateRatio").number(l.updateRatio()).field("histogramMin").number(l.histogramMin())
                .field("histogramMax").number(l.histogramMax()).field("histogram").longs(l.histogram())
                .field("slopeAtCentres").doubles(l.slopeAtCentres())
                .field("nearAsymptoteFraction").number(l.nearAsymptoteFraction())
                .field("nearAsymptoteUnits").number(l.nearAsymptoteUnits()).end());
        field("gradientRatio").number(h.gradientRatio()).field("advice");
        list(h.advice(), a -> begin().field("rule").string(a.rule()).field("recommendation").string(a.recommendation())
                .field("evidence").string(a.evidence()).end());
        end();
    }

    private void config0(PlaygroundConfig c) {
        begin().field("dataset").string(c.dataset()).field("csv").string(c.csv()).field("problem").string(c.problem())
                .field("samples").number(c.samples()).field("noise").number(c.noisePercent())
                .field("trainPercent").number(c.trainPercent()).field("batchSize").number(c.batchSize())
                .field("features");
        list(c.features(), this::string);
        field("layers");
        list(c.layers(), l -> {
            begin().field("units").number(l.units()).field("activation").string(l.activation())
                    .field("name").string(l.name()).field("values");
            values(l.values());
            end();
        });
        field("loss").string(c.loss()).field("learningRate").number(c.learningRate())
                .field("optimizer").string(c.optimizer()).field("regularization").string(c.regularization())
                .field("regularizationRate").number(c.regularizationRate()).field("weightInit").string(c.weightInit())
                .field("biasInit").string(c.biasInit()).field("seed").number(c.seed()).field("gridSize").number(c.gridSize())
                .field("specs").begin();
        for (Map.Entry<String, PlaygroundConfig.SpecView> e : c.specs().entrySet()) {
            field(e.getKey()).begin().field("name").string(e.getValue().name()).field("values");
            values(e.getValue().values());
            end();
        }
        end();
        end();
    }

    private void values(Map<String, Double> values) {
        begin();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            nullable(e.getKey(), e.getValue(), this::number);
        }
        end();
    }

    // ---- the writer ----

    /** Whether the next value in the current object or array needs a comma before it. */
    private boolean comma;

    private BrowserJson begin() {
        separate();
        out.append('{');
        comma = false;
        return this;
    }

    private BrowserJson end() {
        out.append('}');
        comma = true;
        return this;
    }

    private BrowserJson field(String name) {
        separate();
        quote(name);
        out.append(':');
        comma = false;
        return this;
    }

    private void separate() {
        if (comma) {
            out.append(',');
        }
        comma = false;
    }

    /** The field {@code name}: null, or {@code value} as {@code write} writes it. */
    private <T> void nullable(String name, T value, java.util.function.Consumer<T> write) {
        field(name);
        if (value == null) {
            nul();
        } else {
            write.accept(value);
        }
    }

    private <T> void list(List<T> items, java.util.function.Consumer<T> each) {
        separate();
        out.append('[');
        comma = false;
        for (T item : items) {
            each.accept(item);
            comma = true;
        }
        out.append(']');
        comma = true;
    }

    private BrowserJson string(String s) {
        separate();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        comma = true;
        return this;
    }

    private BrowserJson nul() {
        separate();
        out.append("null");
        comma = true;
        return this;
    }

    private BrowserJson bool(boolean b) {
        separate();
        out.append(b);
        comma = true;
        return this;
    }

    private BrowserJson number(long v) {
        separate();
        out.append(v);
        comma = true;
        return this;
    }

    private BrowserJson number(double v) {
        separate();
        if (Double.isFinite(v)) {
            out.append(v);
        } else {
            out.append("null");
        }
        comma = true;
        return this;
    }

    private BrowserJson floats(float[] values) {
        return array(values.length, i -> {
            if (Float.isFinite(values[i])) {
                out.append(values[i]);
            } else {
                out.append("null");
            }
        });
    }

    private BrowserJson doubles(double[] values) {
        return array(values.length, i -> out.append(Double.isFinite(values[i]) ? String.valueOf(values[i]) : "null"));
    }

    private BrowserJson ints(int[] values) {
        return array(values.length, i -> out.append(values[i]));
    }

    private BrowserJson bools(boolean[] values) {
        return array(values.length, i -> out.append(values[i]));
    }

    private BrowserJson longs(long[] values) {
        return array(values.length, i -> out.append(values[i]));
    }

    /** An array of {@code length} numbers, each written by {@code element}. */
    private BrowserJson array(int length, java.util.function.IntConsumer element) {
        separate();
        out.append('[');
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                out.append(',');
            }
            element.accept(i);
        }
        out.append(']');
        comma = true;
        return this;
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00");
                        out.append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
