package org.actlab.nn;

import org.actlab.spec.Param;
import org.actlab.spec.Registry;
import org.actlab.spec.Schema;

/** The schedules' schemas and makers, behind {@link Schedule#parse}; the formulas are documented there. */
final class Schedules {

    private static final String KIND = "schedule";

    static final Registry<Schedule> REGISTRY = new Registry<Schedule>(KIND)
            .register("constant", v -> new Schedule.Of(v.spec(), (base, epoch, step, total) -> base))
            .register(Schema.of(KIND, "step", Param.required("every").whole().atLeast(1), Param.of("gamma", 0.5).positive()), v -> {
                // Beyond int range the rate never steps within any run this engine can make.
                int every = (int) Math.min(v.get(0), Integer.MAX_VALUE);
                double gamma = v.get(1);
                return new Schedule.Of(v.spec(), (base, epoch, step, total) -> base * Math.pow(gamma, Math.floorDiv(epoch, every)));
            })
            .register(Schema.of(KIND, "cosine", Param.of("min", 0).atLeast(0).atMost(1)), v -> {
                double min = v.get(0);
                return new Schedule.Of(v.spec(), (base, epoch, step, total) -> {
                    double progress = Math.min(1, (double) step / Math.max(1, total));
                    return base * (min + (1 - min) * 0.5 * (1 + Math.cos(Math.PI * progress)));
                });
            });

    private Schedules() {
    }
}
