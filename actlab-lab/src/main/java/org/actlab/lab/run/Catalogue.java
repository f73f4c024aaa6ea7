package org.actlab.lab.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.Traits;
import org.actlab.data.Features;
import org.actlab.nn.Initializers;
import org.actlab.nn.Optimizers;
import org.actlab.nn.Schedule;
import org.actlab.spec.Param;
import org.actlab.spec.Registry;
import org.actlab.spec.Schema;

/**
 * The catalogue and the spec schemas as JSON-ready records: the one serialisation that
 * {@code actlab functions --json} and the playground's {@code /api/catalogue} and {@code /api/schema}
 * share, written with {@link RunJson#mapper()}.
 */
public final class Catalogue {

    private Catalogue() {
    }

    /**
     * One activation of the catalogue with its default parameters.
     *
     * @param id          the canonical name
     * @param spec        the canonical spec with the defaults
     * @param parameters  the declared parameters (key, default, bounds, aliases)
     * @param formula     f(x)
     * @param derivative  f'(x)
     * @param range       the range of f
     * @param zeroCentred whether f is zero-centred
     * @param saturating  whether f saturates
     * @param monotonic   whether f is monotonic
     * @param cost        the cost class: cheap, moderate or expensive
     * @param learnable   whether f has learnable parameters (prelu)
     * @param stochastic  whether f is random in training (rrelu)
     * @param reference   where f comes from
     */
    public record Entry(String id, String spec, List<Param> parameters, String formula, String derivative, String range,
                        boolean zeroCentred, boolean saturating, boolean monotonic, String cost, boolean learnable,
                        boolean stochastic, String reference) {
    }

    /**
     * The schemas of one kind of spec.
     *
     * @param kind    what the specs name, as messages say it
     * @param schemas each name's parameters, in registry order
     * @param aliases other names and the canonical names they stand for
     */
    public record Kind(String kind, List<Schema> schemas, Map<String, String> aliases) {
        static Kind of(Registry<?> registry) {
            return new Kind(registry.kind(), registry.schemas(), registry.aliases());
        }
    }

    /** Every activation, in catalogue order. */
    public static List<Entry> activations() {
        return Activations.catalogue().stream().map(Catalogue::entry).toList();
    }

    private static Entry entry(Activation f) {
        Traits t = f.traits();
        return new Entry(f.id(), f.spec(), Activations.registry().schema(f.id()).params(), t.formula(),
                t.derivativeFormula(), t.range(), t.zeroCentred(), t.saturating(), t.monotonic(),
                t.cost().name().toLowerCase(Locale.ROOT), f.parameters().length > 0, f.isStochastic(), t.reference());
    }

    /**
     * The spec language's schemas by field of the run description ({@code activation}, {@code init}
     * (also for {@code biasInit}), {@code optimizer}, {@code schedule}, {@code output}, {@code loss}),
     * the Playground features, and the run description's defaults: everything a form needs to
     * offer, check and print specs without parsing them itself.
     */
    public static Map<String, Object> schemas() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("activation", Kind.of(Activations.registry()));
        kinds.put("init", Kind.of(Initializers.registry()));
        kinds.put("optimizer", Kind.of(Optimizers.registry()));
        kinds.put("schedule", Kind.of(Schedule.registry()));
        kinds.put("output", Kind.of(RunConfig.OUTPUTS));
        kinds.put("loss", Kind.of(RunConfig.LOSSES));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("specs", kinds);
        body.put("features", Features.NAMES);
        body.put("defaults", RunConfig.defaults());
        return body;
    }
}
