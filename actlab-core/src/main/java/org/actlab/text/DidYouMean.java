package org.actlab.text;

import java.util.Collection;
import java.util.Optional;

/**
 * Suggests the known name a mistyped one most likely meant, by Levenshtein distance.
 *
 * <p>The candidate with the smallest distance wins; among equally distant ones, a candidate of the
 * typed name's length beats one of another length ({@code relu7} means {@code relu6} more than
 * {@code relu}), and otherwise the earlier one in the given order wins. It is suggested when
 * d ≤ max(2, ⌊|typed| / 3⌋), or when it contains the (non-empty) typed name, as a prefix would.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The known name to suggest for {@code typed}, or empty when none is close enough to be a typo. */
    public static Optional<String> nearest(String typed, Collection<String> known) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : known) {
            // Twice the distance plus one for another length: the length only ever breaks ties.
            int score = 2 * distance(typed, candidate) + (candidate.length() == typed.length() ? 0 : 1);
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        boolean close = best != null && (bestScore / 2 <= Math.max(2, typed.length() / 3)
                || !typed.isEmpty() && best.contains(typed));
        return close ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} for the {@link #nearest} name x, or {@code ""} when there is none. */
    public static String hint(String typed, Collection<String> known) {
        return nearest(typed, known).map(name -> " (did you mean '" + name + "'?)").orElse("");
    }

    /**
     * The Levenshtein distance: the fewest single-character insertions, deletions and
     * substitutions, each of cost 1, that turn {@code a} into {@code b}.
     */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
