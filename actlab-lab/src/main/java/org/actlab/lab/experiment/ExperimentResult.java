package org.actlab.lab.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an experiment measured and concluded. Serialises with Jackson to
 * {@code {"name","claim","setup","criterion","verdict","figures":{…},"seeds":[…],"charts":[…],"effects":[…]}}.
 *
 * <p>Figures are JSON-friendly values: numbers, strings, booleans, {@link Summary}, lists, and maps
 * of these (a map of maps is a table: rows, then columns). The entry {@value #HEADLINE} holds the
 * one-line key figure for summaries.
 *
 * @param name      the experiment's name
 * @param claim     the claim
 * @param setup     what was run, with the sizes actually used
 * @param criterion the criterion the verdict was computed with
 * @param verdict   the verdict
 * @param figures   the measured figures, in display order
 * @param seeds     the seeds used (empty when nothing random was used)
 * @param charts    figures as chart data
 * @param effects   the pre-stated criteria on effect sizes, each with its interval, n, test and verdict
 *                  (claims and controls); the verdict is {@link Effect#verdictOf} of these
 */
public record ExperimentResult(String name, String claim, String setup, String criterion, Verdict verdict,
                               Map<String, Object> figures, List<Long> seeds, List<Chart> charts, List<Effect> effects) {

    /** The figure key of the one-line key figure. */
    public static final String HEADLINE = "headline";

    public ExperimentResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        seeds = List.copyOf(seeds);
        charts = List.copyOf(charts);
        effects = List.copyOf(effects);
    }

    /** A result whose verdict is computed from its effects ({@link Effect#verdictOf}). */
    public ExperimentResult(String name, String claim, String setup, String criterion, Map<String, Object> figures,
                            List<Long> seeds, List<Chart> charts, List<Effect> effects) {
        this(name, claim, setup, criterion, Effect.verdictOf(effects), figures, seeds, charts, effects);
    }

    /** The one-line key figure, or an empty string. */
    public String headline() {
        Object h = figures.get(HEADLINE);
        return h == null ? "" : h.toString();
    }
}
