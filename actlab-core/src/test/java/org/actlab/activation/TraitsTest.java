package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The traits that have a crisp definition, checked against the functions themselves. */
class TraitsTest {

    static Stream<Activation> activations() {
        List<Activation> all = new ArrayList<>(Activations.catalogue());
        all.add(new PRelu(-0.1f));
        all.add(new LeakyRelu(0f));
        all.add(new Threshold(0f, 1f));
        return all.stream();
    }

    /** saturating: f' tends to 0 as |x| grows on at least one side (here: |f'| < 1e-3 at ±1e4). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void saturatingMatchesTheDerivativeFarOut(Activation a) {
        boolean observed = Math.abs(a.derivative(1e4f)) < 1e-3 || Math.abs(a.derivative(-1e4f)) < 1e-3;
        assertEquals(observed, a.traits().saturating(), a.spec() + " f'(1e4) = " + a.derivative(1e4f)
                + ", f'(-1e4) = " + a.derivative(-1e4f));
    }

    /** monotonic: f non-decreasing, checked on a sorted mix of a grid and random floats in [-50, 50]. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void monotonicMatchesTheValues(Activation a) {
        SplittableRandom rng = new SplittableRandom(11);
        float[] xs = new float[20_001];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i % 2 == 0 ? -50 + i * 0.005f : (float) rng.nextDouble(-50, 50);
        }
        java.util.Arrays.sort(xs);
        boolean observed = true;
        for (int i = 1; i < xs.length; i++) {
            observed &= a.apply(xs[i]) >= a.apply(xs[i - 1]);
        }
        assertEquals(observed, a.traits().monotonic(), a.spec());
    }
}
