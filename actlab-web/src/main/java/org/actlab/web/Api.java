package org.actlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.data.Features;
import org.actlab.lab.run.Catalogue;
import org.actlab.nn.Initializers;
import org.actlab.nn.Optimizers;

/** The JSON endpoints; {@link PlaygroundServer} maps their exceptions to status codes. */
final class Api {

    /** Most points the f/f′ explorer evaluates. */
    static final int MAX_CURVE_POINTS = 2001;
    /** Most epochs or batches one step request may run. */
    static final int MAX_STEP_EPOCHS = 100;
    static final int MAX_STEP_BATCHES = 10_000;
    /** Training time one slice of a step request may take before it yields to other sessions. */
    static final long SLICE_NANOS = 50_000_000L;

    private final SessionRegistry registry;
    private final Limits limits;
    private final ObjectMapper json;

    Api(SessionRegistry registry, Limits limits, ObjectMapper json) {
        this.registry = registry;
        this.limits = limits;
        this.json = json;
    }

    private void reply(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(json.writeValueAsString(body));
    }

    /** The activations with their traits and parameters, the data sets, the features and the limits. */
    void catalogue(Context ctx) throws JsonProcessingException {
        reply(ctx, 200, catalogue(limits));
    }

    /** The body of {@code GET /api/catalogue}; the static site (actlab-browser) writes the same document. */
    static Map<String, Object> catalogue(Limits limits) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activations", Catalogue.activations());
        body.put("datasets", PlaygroundConfig.DATASETS);
        body.put("classification", PlaygroundConfig.CLASSIFICATION.stream().sorted().toList());
        body.put("features", Features.NAMES);
        body.put("optimizers", Optimizers.registry().names());
        body.put("initialisers", Initializers.registry().names());
        body.put("limits", Map.of("maxLayers", limits.maxLayers(), "maxUnits", limits.maxUnits(),
                "maxSamples", limits.maxSamples(), "maxUploadBytes", limits.maxUploadBytes(), "maxGrid", limits.maxGrid(),
                "maxSessions", limits.maxSessions(), "idleTimeoutSeconds", limits.idleTimeout().toSeconds()));
        return body;
    }

    /**
     * The spec schemas and the run description's defaults ({@link Catalogue#schemas()}), plus the
     * playground's defaults in its own vocabulary: the page builds its forms and its initial settings
     * from this and never parses a spec.
     */
    void schema(Context ctx) throws JsonProcessingException {
        reply(ctx, 200, schema());
    }

    /** The body of {@code GET /api/schema}. */
    static Map<String, Object> schema() {
        Map<String, Object> body = new LinkedHashMap<>(Catalogue.schemas());
        body.put("playground", PlaygroundConfig.defaults());
        return body;
    }

    /** Rows per data set in {@link #previews}: enough to show the shape on a thumbnail. */
    static final int PREVIEW_ROWS = 160;

    /** A small noise-free sample of every generated data set, for the page's data-set thumbnails. */
    void previews(Context ctx) throws JsonProcessingException {
        reply(ctx, 200, previews());
    }

    /** The body of {@code GET /api/previews}. */
    static Map<String, Object> previews() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String name : PlaygroundConfig.DATASETS) {
            org.actlab.data.Dataset data = org.actlab.data.DataSets.generate(name, PREVIEW_ROWS, 0, 1);
            float[] xy = new float[data.n() * 3];
            for (int i = 0; i < data.n(); i++) {
                xy[3 * i] = data.x()[i * data.features()];
                xy[3 * i + 1] = data.x()[i * data.features() + 1];
                xy[3 * i + 2] = data.y()[i * data.targets()];
            }
            body.put(name, new Payloads.Points(data.n(), TrainingSession.round(xy, 100f)));
        }
        return body;
    }

    /**
     * f and f′ of an activation on [from, to]: {@code ?spec=tanh&from=-6&to=6&points=241}; a point is
     * saturated where |f′(x)| &lt; 0.01 · max|f′| (the diagnostics' threshold).
     */
    void activation(Context ctx) throws JsonProcessingException {
        String spec = ctx.queryParam("spec");
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("query parameter 'spec' is required, for example spec=leaky_relu(0.1)");
        }
        if (spec.length() > PlaygroundConfig.MAX_SPEC_LENGTH) {
            throw new IllegalArgumentException("spec is longer than " + PlaygroundConfig.MAX_SPEC_LENGTH + " characters");
        }
        Activation f = Activations.parse(spec);
        double from = doubleParam(ctx, "from", -6);
        double to = doubleParam(ctx, "to", 6);
        if (Math.abs(from) > 1000 || Math.abs(to) > 1000 || !(from < to)) {
            throw new IllegalArgumentException("need -1000 <= from < to <= 1000, got from=" + from + ", to=" + to);
        }
        int points = intParam(ctx, "points", 241, 2, MAX_CURVE_POINTS);
        double[] x = new double[points];
        double[] y = new double[points];
        double[] dy = new double[points];
        boolean[] saturated = new boolean[points];
        float limit = UnitFlags.saturationLimit(f);
        for (int i = 0; i < points; i++) {
            float xi = (float) (from + (to - from) * i / (points - 1));
            x[i] = xi;
            y[i] = f.apply(xi);
            dy[i] = f.derivative(xi);
            saturated[i] = Math.abs(dy[i]) < limit;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", f.id());
        body.put("spec", f.spec());
        body.put("formula", f.traits().formula());
        body.put("derivativeFormula", f.traits().derivativeFormula());
        body.put("saturationLimit", limit);
        body.put("x", x);
        body.put("f", y);
        body.put("df", dy);
        body.put("saturated", saturated);
        reply(ctx, 200, body);
    }

    void create(Context ctx) throws JsonProcessingException {
        PlaygroundConfig config = PlaygroundConfig.parse(PlaygroundServer.body(ctx, json), limits);
        TrainingSession session = registry.create(config, ClientIds.of(ctx));
        reply(ctx, 201, registry.compute(session::state));
    }

    void state(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        reply(ctx, 200, registry.compute(session::state));
    }

    void delete(Context ctx) {
        registry.get(ctx.pathParam("id"));
        registry.remove(ctx.pathParam("id"));
        ctx.status(204);
    }

    /** Rebuilds the session from the body's config, or from its current config when the body is empty. */
    void reset(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        JsonNode body = PlaygroundServer.body(ctx, json);
        PlaygroundConfig config = body == null ? session.config() : PlaygroundConfig.parse(body, limits);
        Payloads.State state = registry.compute(() -> {
            session.reset(config);
            return session.state();
        });
        registry.broadcast(session, "state", state);
        reply(ctx, 200, state);
    }

    void play(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        registry.play(session);
        reply(ctx, 200, registry.compute(session::update));
    }

    void pause(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        registry.pause(session);
        reply(ctx, 200, registry.compute(session::update));
    }

    /** {@code ?epochs=k} (default 1) or {@code ?batches=k}; pauses the player first, as the Playground does. */
    void step(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        if (ctx.queryParam("epochs") != null && ctx.queryParam("batches") != null) {
            throw new IllegalArgumentException("give epochs or batches, not both");
        }
        session.setPlaying(false);
        // Long steps run in slices of about SLICE_NANOS, each queued behind other sessions' work, so
        // one session's 100-epoch step shares the training threads instead of holding them.
        int since = registry.compute(session::epoch);
        if (ctx.queryParam("batches") != null) {
            int batches = intParam(ctx, "batches", 1, 1, MAX_STEP_BATCHES);
            int left = batches;
            while (left > 0) {
                int slice = left;
                left -= registry.compute(() -> session.trainStepsSlice(slice, SLICE_NANOS));
            }
        } else {
            int target = since + intParam(ctx, "epochs", 1, 1, MAX_STEP_EPOCHS);
            while (!registry.compute(() -> session.trainEpochsSlice(target, SLICE_NANOS))) {
                Thread.onSpinWait();
            }
        }
        Payloads.Update update = registry.compute(() -> session.update(since));
        registry.broadcast(session, "update", update);
        reply(ctx, 200, update);
    }

    /**
     * Applies a config that keeps the network (learning rate, regularisation, batch size, optimiser, new data):
     * the weights, the epoch count and the history stay, and a playing session goes on playing.
     */
    void settings(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        PlaygroundConfig config = PlaygroundConfig.parse(PlaygroundServer.body(ctx, json), limits);
        Payloads.State state = registry.compute(() -> session.retuned(config));
        registry.broadcast(session, "state", state);
        reply(ctx, 200, state);
    }

    /** Sets one weight or bias: {@code {"layer": 0, "unit": 1, "input": 2, "value": 0.5}}; no {@code input} means the bias. */
    void parameter(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        JsonNode body = PlaygroundServer.body(ctx, json);
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object {layer, unit, input?, value}");
        }
        for (java.util.Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!List.of("layer", "unit", "input", "value").contains(field)) {
                throw new IllegalArgumentException("unknown field '" + PlaygroundConfig.shorten(field) + "'; known: layer, unit, input, value");
            }
        }
        int layer = index(body, "layer");
        int unit = index(body, "unit");
        int input = body.hasNonNull("input") ? index(body, "input") : -1;
        JsonNode value = body.get("value");
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("value must be a number, got " + (value == null ? "nothing" : PlaygroundConfig.shorten(value.toString())));
        }
        Payloads.Update update = registry.compute(() -> {
            session.setParameter(layer, unit, input, value.asDouble());
            return session.update();
        });
        registry.broadcast(session, "update", update);
        reply(ctx, 200, update);
    }

    /** One unit's activation over the full heatmap grid: {@code ?layer=0&unit=1}. */
    void unit(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        int layer = intParam(ctx, "layer", -1, 0, limits.maxLayers());
        int unit = intParam(ctx, "unit", -1, 0, limits.maxUnits() - 1);
        if (ctx.queryParam("layer") == null || ctx.queryParam("unit") == null) {
            throw new IllegalArgumentException("query parameters 'layer' and 'unit' are required");
        }
        reply(ctx, 200, registry.compute(() -> session.unitGrid(layer, unit)));
    }

    private static int index(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw new IllegalArgumentException(field + " must be an integer >= 0, got " + (node == null ? "nothing" : PlaygroundConfig.shorten(node.toString())));
        }
        return node.asInt();
    }

    /** config.json, history.json, history.csv, diagnostics.json or diagnostics.csv, as a download. */
    void export(Context ctx) throws JsonProcessingException {
        TrainingSession session = registry.get(ctx.pathParam("id"));
        String name = ctx.pathParam("name");
        Exports.Document document = Exports.of(session, name, json);
        ctx.header("Content-Disposition", "attachment; filename=\"actlab-" + name + "\"");
        ctx.contentType(document.contentType());
        ctx.result(document.text());
    }

    private static double doubleParam(Context ctx, String name, double fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a finite number, got '" + PlaygroundConfig.shorten(text) + "'");
        }
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer in " + min + ".." + max + ", got '"
                    + PlaygroundConfig.shorten(text) + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }
}
