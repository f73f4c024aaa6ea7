package org.actlab.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.teavm.jso.JSExport;

/**
 * The playground's API inside the browser: the server's {@link TrainingSession}, {@link PlaygroundConfig}
 * and {@link PlaygroundRun}, compiled to WebAssembly by TeaVM and called from a Web Worker
 * ({@code worker.js}). Every call takes and returns the same JSON documents as the HTTP API, so the page
 * draws them with the same code; an error comes back as {@code {"error": ..., "status": ...}} with the
 * status the server would have sent.
 *
 * <p>The browser has one thread per worker: sessions are called one at a time, and "playing" is the
 * worker calling {@link #play} in a loop between its messages.
 */
public final class BrowserPlayground {

    private static final Limits LIMITS = Limits.defaults();
    private static final Map<String, Session> SESSIONS = new LinkedHashMap<>();
    private static int nextId = 1;

    /** A session and the epoch of its last update sent, so that each update carries the history points since. */
    private static final class Session {
        final TrainingSession training;
        int sentEpoch;

        Session(TrainingSession training) {
            this.training = training;
        }
    }

    private BrowserPlayground() {
    }

    /** TeaVM's entry point; the API is the exported methods. */
    public static void main(String[] args) {
    }

    @JSExport
    public static String create(String configJson) {
        return call(() -> {
            PlaygroundConfig config = PlaygroundConfig.parse(JsonTree.parse(configJson), LIMITS);
            String id = "w" + nextId++;
            Session session = new Session(new TrainingSession(id, config, LIMITS));
            SESSIONS.put(id, session);
            return BrowserJson.state(session.training.state());
        });
    }

    @JSExport
    public static String state(String id) {
        return call(() -> BrowserJson.state(session(id).training.state()));
    }

    /** Rebuilds the session from a config, or from its own config when {@code configJson} is empty. */
    @JSExport
    public static String reset(String id, String configJson) {
        return call(() -> {
            Session session = session(id);
            var body = JsonTree.parse(configJson);
            session.training.reset(body == null ? session.training.config() : PlaygroundConfig.parse(body, LIMITS));
            session.sentEpoch = 0;
            return BrowserJson.state(session.training.state());
        });
    }

    @JSExport
    public static String settings(String id, String configJson) {
        return call(() -> BrowserJson.state(session(id).training.retuned(PlaygroundConfig.parse(JsonTree.parse(configJson), LIMITS))));
    }

    /** Trains {@code epochs} whole epochs (1..{@link Api#MAX_STEP_EPOCHS}) and pauses, as the server's step does. */
    @JSExport
    public static String step(String id, int epochs) {
        return call(() -> {
            if (epochs < 1 || epochs > Api.MAX_STEP_EPOCHS) {
                throw new IllegalArgumentException("epochs must be in 1.." + Api.MAX_STEP_EPOCHS + ", got " + epochs);
            }
            Session session = session(id);
            session.training.setPlaying(false);
            int since = session.training.epoch();
            session.training.trainEpochsSlice(since + epochs, Long.MAX_VALUE);
            return sent(session, since);
        });
    }

    /**
     * Trains whole epochs without building an update, for timing the engine alone (docs/PLAYGROUND.md's
     * speed figure); returns the epoch reached.
     */
    @JSExport
    public static String train(String id, int epochs) {
        return call(() -> {
            TrainingSession session = session(id).training;
            session.trainEpochsSlice(session.epoch() + epochs, Long.MAX_VALUE);
            return String.valueOf(session.epoch());
        });
    }

    /** Marks the session as playing or paused and returns its update. */
    @JSExport
    public static String setPlaying(String id, boolean playing) {
        return call(() -> {
            Session session = session(id);
            session.training.setPlaying(playing);
            return BrowserJson.update(session.training.update());
        });
    }

    /**
     * One chunk of a playing session: whole epochs, at least one, for about {@code budgetMillis}. With
     * {@code update} it returns the update, which carries every history point since the last update sent;
     * without it (the page has not drawn the last one yet) only the epoch reached, unless the run diverged,
     * whose update is always sent. An empty string when the session is paused.
     */
    @JSExport
    public static String play(String id, double budgetMillis, boolean update) {
        return call(() -> {
            Session session = session(id);
            if (!session.training.playing() || session.training.diverged()) {
                return "";
            }
            int since = Math.min(session.sentEpoch, session.training.epoch());
            session.training.trainEpochsSlice(Integer.MAX_VALUE, (long) (budgetMillis * 1e6));
            return update || session.training.diverged() ? sent(session, since) : String.valueOf(session.training.epoch());
        });
    }

    @JSExport
    public static String parameter(String id, int layer, int unit, int input, double value) {
        return call(() -> {
            Session session = session(id);
            session.training.setParameter(layer, unit, input, value);
            return BrowserJson.update(session.training.update());
        });
    }

    @JSExport
    public static String unit(String id, int layer, int unit) {
        return call(() -> BrowserJson.heatmap(session(id).training.unitGrid(layer, unit)));
    }

    @JSExport
    public static String remove(String id) {
        return call(() -> {
            session(id);
            SESSIONS.remove(id);
            return "";
        });
    }

    /** The text of an export ({@link Exports#NAMES}), made in the browser instead of downloaded from the server. */
    @JSExport
    public static String export(String id, String name) {
        return call(() -> {
            TrainingSession s = session(id).training;
            return switch (name) {
                case "config.json" -> BrowserJson.config(s.config());
                case "weights.json" -> BrowserJson.weights(s.weights());
                case "history.json" -> BrowserJson.history(s.history());
                case "history.csv" -> Exports.historyCsv(s.history());
                case "diagnostics.json" -> s.health().map(TrainingSession::healthView).map(BrowserJson::health)
                        .orElse("{\"epoch\":-1,\"layers\":[],\"advice\":[]}");
                case "diagnostics.csv" -> s.health().map(TrainingSession::healthView).map(Exports::healthCsv)
                        .orElse(Exports.HEALTH_HEADER + "\n");
                default -> throw new IllegalArgumentException("unknown export '" + PlaygroundConfig.shorten(name)
                        + "'; expected one of " + String.join(", ", Exports.NAMES));
            };
        });
    }

    /**
     * Every weight and bias of the session's network as the hex of its float bits, layer by layer: the
     * browser tests compare this with the JVM's, bit for bit.
     */
    @JSExport
    public static String weightBits(String id) {
        return call(() -> weightBits(session(id).training));
    }

    /** As {@link #weightBits(String)}, for a session on the JVM. */
    static String weightBits(TrainingSession session) {
        StringBuilder out = new StringBuilder();
        for (Payloads.LayerWeights layer : session.weights()) {
            for (float w : layer.weights()) {
                out.append(Integer.toHexString(Float.floatToRawIntBits(w))).append(' ');
            }
            out.append('|');
            for (float b : layer.bias()) {
                out.append(Integer.toHexString(Float.floatToRawIntBits(b))).append(' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** f and f′ of an activation for the explorer, as {@code GET /api/activation} answers. */
    @JSExport
    public static String activation(String spec, double from, double to, int points) {
        return call(() -> {
            if (spec == null || spec.isBlank() || spec.length() > PlaygroundConfig.MAX_SPEC_LENGTH) {
                throw new IllegalArgumentException("spec must have 1.." + PlaygroundConfig.MAX_SPEC_LENGTH + " characters");
            }
            if (Math.abs(from) > 1000 || Math.abs(to) > 1000 || !(from < to)) {
                throw new IllegalArgumentException("need -1000 <= from < to <= 1000, got from=" + from + ", to=" + to);
            }
            if (points < 2 || points > Api.MAX_CURVE_POINTS) {
                throw new IllegalArgumentException("points must be in 2.." + Api.MAX_CURVE_POINTS + ", got " + points);
            }
            Activation f = Activations.parse(spec);
            float limit = UnitFlags.saturationLimit(f);
            StringBuilder x = new StringBuilder("[");
            StringBuilder y = new StringBuilder("[");
            StringBuilder dy = new StringBuilder("[");
            StringBuilder saturated = new StringBuilder("[");
            for (int i = 0; i < points; i++) {
                float xi = (float) (from + (to - from) * i / (points - 1));
                double fi = f.apply(xi);
                double di = f.derivative(xi);
                String sep = i == 0 ? "" : ",";
                x.append(sep).append((double) xi);
                y.append(sep).append(Double.isFinite(fi) ? String.valueOf(fi) : "null");
                dy.append(sep).append(Double.isFinite(di) ? String.valueOf(di) : "null");
                saturated.append(sep).append(Math.abs(di) < limit);
            }
            Map<String, String> body = new LinkedHashMap<>();
            body.put("id", quoted(f.id()));
            body.put("spec", quoted(f.spec()));
            body.put("formula", quoted(f.traits().formula()));
            body.put("derivativeFormula", quoted(f.traits().derivativeFormula()));
            body.put("saturationLimit", String.valueOf(limit));
            body.put("x", x.append(']').toString());
            body.put("f", y.append(']').toString());
            body.put("df", dy.append(']').toString());
            body.put("saturated", saturated.append(']').toString());
            return BrowserJson.object(body);
        });
    }

    private static String quoted(String s) {
        String error = BrowserJson.error(s);
        // {"error":"..."} → the quoted string alone, escaped by the one writer.
        return error.substring("{\"error\":".length(), error.length() - 1);
    }

    private static Session session(String id) {
        Session session = SESSIONS.get(id);
        if (session == null) {
            throw new SessionRegistry.NoSuchSession(id);
        }
        return session;
    }

    private static String sent(Session session, int since) {
        session.sentEpoch = session.training.epoch();
        return BrowserJson.update(session.training.update(since));
    }

    /** The body of a call, or the server's error answer for its exception. */
    private static String call(java.util.function.Supplier<String> body) {
        try {
            return body.get();
        } catch (SessionRegistry.NoSuchSession e) {
            return errorWithStatus(404, e.getMessage());
        } catch (IllegalArgumentException e) {
            return errorWithStatus(400, e.getMessage());
        } catch (IllegalStateException e) {
            return errorWithStatus(409, e.getMessage());
        } catch (RuntimeException e) {
            return errorWithStatus(500, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static String errorWithStatus(int status, String message) {
        String error = BrowserJson.error(message == null ? "error" : message);
        return error.substring(0, error.length() - 1) + ",\"status\":" + status + "}";
    }
}
