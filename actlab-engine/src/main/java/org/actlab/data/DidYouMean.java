package org.actlab.data;

import java.util.List;

/** Suggests the nearest known name for a mistyped one, by Levenshtein distance. */
final class DidYouMean {

    private DidYouMean() {
    }

    /** {@code " (did you mean 'x'?)"} when some name is within distance 2 (or a prefix match), else "". */
    static String suggest(String typed, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typed, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        boolean close = best != null && (bestDistance <= Math.max(1, Math.min(2, typed.length() / 3))
                || (!typed.isEmpty() && best.startsWith(typed)));
        return close ? " (did you mean '" + best + "'?)" : "";
    }

    static int distance(String a, String b) {
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
