package org.actlab.lab.experiment;

/** What the measured figures say about a claim. Lower-case so that JSON and text show it as is. */
public enum Verdict {
    /** The figures meet the criterion. */
    supported,
    /** The figures contradict the claim. */
    not_supported,
    /** The figures neither meet the criterion nor contradict the claim clearly. */
    inconclusive;

    /** The weakest of two verdicts: any contradiction wins, then any doubt. */
    public Verdict and(Verdict other) {
        if (this == not_supported || other == not_supported) {
            return not_supported;
        }
        if (this == inconclusive || other == inconclusive) {
            return inconclusive;
        }
        return supported;
    }

    /**
     * The verdict of a figure against two thresholds: supported when {@code supportedWhen} holds,
     * not supported when {@code contradictedWhen} holds, else inconclusive.
     */
    public static Verdict of(boolean supportedWhen, boolean contradictedWhen) {
        if (contradictedWhen) {
            return not_supported;
        }
        return supportedWhen ? supported : inconclusive;
    }
}
