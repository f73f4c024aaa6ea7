package org.actlab.diagnose;

/**
 * One unit's state over an evaluation set, with the definitions of {@link DiagnosticsConfig}:
 * the per-unit view behind {@link LayerHealth#deadFraction()} and {@link LayerHealth#saturatedUnits()}.
 */
public enum UnitState {
    /** Neither dead nor saturated. */
    HEALTHY,
    /** |f′(z)| &lt; threshold × max|f′| on at least {@code saturatedUnitShare} of the samples, but not dead. */
    SATURATED,
    /** f′(z) = 0 on every sample: the unit passes no gradient and cannot recover. */
    DEAD
}
