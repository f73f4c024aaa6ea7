package org.actlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Each optimiser's first two steps on one parameter, computed by hand. Slot 0 is w = 1 (decayed),
 * slot 1 is b = −2 (not decayed); η = 0.1; gradients g1 = (0.5, −1), then g2 = (−0.25, 2).
 */
class OptimizerTest {

    private static float[][] run(String spec, int steps) {
        // Through the config's path: a checked spec that makes the optimiser without parsing again.
        Optimizer optimizer = OptimizerSpec.parse(spec).create();
        optimizer.initialise(new int[] {1, 1}, new boolean[] {true, false});
        float[][] params = {{1f}, {-2f}};
        float[][][] grads = {{{0.5f}, {-1f}}, {{-0.25f}, {2f}}};
        for (int s = 0; s < steps; s++) {
            optimizer.step(params, grads[s], 0.1);
        }
        return params;
    }

    private static void assertStep(String spec, int steps, double w, double b) {
        float[][] p = run(spec, steps);
        assertEquals(w, p[0][0], 1e-6, spec + " w after " + steps);
        assertEquals(b, p[1][0], 1e-6, spec + " b after " + steps);
    }

    @Test
    void sgd() {
        // w = 1 − 0.1·0.5 = 0.95; then 0.95 + 0.025 = 0.975. b = −2 + 0.1 = −1.9; then −1.9 − 0.2 = −2.1.
        assertStep("sgd", 1, 0.95, -1.9);
        assertStep("sgd", 2, 0.975, -2.1);
    }

    @Test
    void momentumAndNesterov() {
        // momentum: v1 = 0.5, w = 0.95; v2 = 0.9·0.5 − 0.25 = 0.2, w = 0.95 − 0.02 = 0.93.
        //           b: v1 = −1, b = −1.9; v2 = −0.9 + 2 = 1.1, b = −1.9 − 0.11 = −2.01.
        assertStep("momentum(0.9)", 2, 0.93, -2.01);
        // nesterov: step 1 w = 1 − 0.1·(0.5 + 0.9·0.5) = 0.905; step 2 v2 = 0.2, w = 0.905 − 0.1·(−0.25 + 0.18) = 0.912.
        //           b: step 1 −2 − 0.1·(−1 − 0.9) = −1.81; step 2 v2 = 1.1, b = −1.81 − 0.1·(2 + 0.99) = −2.109.
        assertStep("nesterov(mu=0.9)", 1, 0.905, -1.81);
        assertStep("nesterov(mu=0.9)", 2, 0.912, -2.109);
    }

    @Test
    void adagradAndRmsprop() {
        // adagrad: G = 0.25, w = 1 − 0.1·0.5/0.5 = 0.9; G = 0.3125, w = 0.9 + 0.025/√0.3125 = 0.9447214.
        assertStep("adagrad", 2, 0.9 + 0.025 / Math.sqrt(0.3125), -2 + 0.1 - 0.2 / Math.sqrt(5));
        // rmsprop(0.9): s = 0.1·0.25 = 0.025, w = 1 − 0.05/√0.025 = 0.6837722.
        assertStep("rmsprop", 1, 1 - 0.05 / Math.sqrt(0.025), -2 + 0.1 / Math.sqrt(0.1));
    }

    @Test
    void adamAndAdamW() {
        // adam step 1: m̂ = g, v̂ = g², so w moves by η·g/(|g| + ε) ≈ η·sign(g): 0.9 and −1.9.
        assertStep("adam", 1, 1 - 0.1 * 0.5 / (0.5 + 1e-8), -2 + 0.1 * 1 / (1 + 1e-8));
        // step 2: m = 0.9·0.05 + 0.1·(−0.25) = 0.02, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225;
        // m̂ = 0.02/0.19 = 0.10526316, v̂ = 0.00031225/0.001999 = 0.15620310; w = 0.9 − 0.1·0.10526316/0.39522538.
        double m = 0.02 / (1 - 0.81);
        double v = (0.999 * 0.00025 + 0.001 * 0.0625) / (1 - 0.999 * 0.999);
        float[][] p = run("adam(beta1=0.9,beta2=0.999,eps=1e-8)", 2);
        assertEquals(0.9 - 0.1 * m / (Math.sqrt(v) + 1e-8), p[0][0], 1e-6);
        assertEquals(0.9 - 0.1 * 0.10526316 / 0.39522538, p[0][0], 1e-6);
        // adamw(0.5): the weight first decays to 1 − 0.1·0.5·1 = 0.95, then the Adam step: 0.85; the bias does not decay.
        assertStep("adamw(weight_decay=0.5)", 1, 0.95 - 0.1 * 0.5 / (0.5 + 1e-8), -2 + 0.1 / (1 + 1e-8));
    }

    @Test
    void aSpecIsCanonicalAndEachOptimizerItMakesHasItsOwnState() {
        OptimizerSpec spec = OptimizerSpec.parse("MOMENTUM(0.8)");
        assertEquals("momentum(mu=0.8)", spec.spec());
        assertEquals(spec, OptimizerSpec.parse("momentum(mu=0.8)"));
        assertTrue(!spec.equals(OptimizerSpec.parse("momentum")), "mu 0.8 against the default 0.9");
        Optimizer first = spec.create();
        Optimizer second = spec.create();
        first.initialise(new int[] {1}, new boolean[] {false});
        second.initialise(new int[] {1}, new boolean[] {false});
        float[][] a = {{1f}};
        float[][] b = {{1f}};
        first.step(a, new float[][] {{1f}}, 0.1);
        first.step(a, new float[][] {{1f}}, 0.1);
        second.step(b, new float[][] {{1f}}, 0.1);
        // v = 1, w = 0.9; then v = 1.8, w = 0.72. The second optimiser's one step is not touched by the first's.
        assertEquals(0.72, a[0][0], 1e-6);
        assertEquals(0.9, b[0][0], 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse("adamm"));
        assertTrue(e.getMessage().contains("unknown optimiser 'adamm'"), e.getMessage());
    }

    @Test
    void lifecycleResetAndCopy() {
        Optimizer adam = Optimizers.parse("adam");
        adam.initialise(new int[] {1}, new boolean[] {false});
        float[][] w = {{1f}};
        adam.step(w, new float[][] {{0.5f}}, 0.1);
        Optimizer copy = adam.copy();
        float[][] w1 = {w[0].clone()};
        float[][] w2 = {w[0].clone()};
        adam.step(w1, new float[][] {{-0.25f}}, 0.1);
        copy.step(w2, new float[][] {{-0.25f}}, 0.1);
        assertEquals(w1[0][0], w2[0][0], "a copy carries the state");
        adam.reset();
        float[][] fresh = {{1f}};
        adam.step(fresh, new float[][] {{0.5f}}, 0.1);
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), fresh[0][0], 1e-7, "after reset the first step is bias-corrected again");
        assertThrows(IllegalStateException.class, () -> Optimizers.parse("sgd").step(w, w, 0.1));
    }

    @Test
    void everyCopyContinuesBitForBitAsItsOriginal() {
        // The copy is made by the registry from the spec: nesterov must stay nesterov, adamw keep its decay.
        for (String spec : new String[] {"sgd", "momentum(0.8)", "nesterov(0.8)", "adagrad", "rmsprop(0.7)", "adam",
            "adamw(0.3)"}) {
            Optimizer original = Optimizers.parse(spec);
            original.initialise(new int[] {2, 1}, new boolean[] {true, false});
            float[][] w = {{1f, -0.5f}, {-2f}};
            original.step(w, new float[][] {{0.5f, 0.25f}, {-1f}}, 0.1);
            original.step(w, new float[][] {{-0.25f, 0.75f}, {2f}}, 0.1);
            Optimizer copy = original.copy();
            assertEquals(original.spec(), copy.spec(), spec);
            float[][] w1 = {w[0].clone(), w[1].clone()};
            float[][] w2 = {w[0].clone(), w[1].clone()};
            float[][] g = {{0.125f, -2f}, {0.5f}};
            original.step(w1, g, 0.1);
            copy.step(w2, g, 0.1);
            for (int s = 0; s < 2; s++) {
                assertArrayEquals(w1[s], w2[s], 0f, spec + " slot " + s);
            }
        }
    }

    @Test
    void specsShowHyperparametersAndBadValuesAreNamed() {
        assertEquals("adam(beta1=0.9, beta2=0.999, eps=1.0E-8)", Optimizers.parse("adam").toString());
        assertEquals("momentum(mu=0.8)", Optimizers.parse("momentum(0.8)").toString());
        assertEquals("adamw(weight_decay=0.1, beta1=0.9, beta2=0.99, eps=1.0E-8)", Optimizers.parse(" AdamW(0.1, beta2=0.99) ").toString());
        for (String spec : new String[] {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"}) {
            Optimizer parsed = Optimizers.parse(spec);
            assertEquals(parsed.spec(), Optimizers.parse(parsed.spec()).spec(), "spec round trip");
        }
        assertMessage("momentum(1.5)", "optimiser momentum: mu must be in [0, 1), got 1.5");
        assertMessage("adam(beta2=0)", "optimiser adam: beta2 must be in (0, 1), got 0");
        assertMessage("adam(gamma=1)", "optimiser adam: has no parameter 'gamma'; its parameters: beta1, beta2, eps");
        assertMessage("sgd(0.1)", "optimiser sgd: takes no parameters, got 1");
        assertMessage("rmsprop(rho=abc)", "optimiser rmsprop: rho: cannot parse 'abc' as a number");
        assertMessage("adamw(weight_decay=-1)", "optimiser adamw: weight_decay must be >= 0, got -1");
        assertMessage("lion", "unknown optimiser 'lion'. Known: sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw");
        assertMessage("adam(0.9", "malformed optimiser spec 'adam(0.9': expected ')' at the end");
    }

    private static void assertMessage(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.parse(spec));
        assertEquals(message, e.getMessage());
    }

    @Test
    void schedules() {
        assertEquals(0.1, Schedule.parse("constant").rate(0.1, 7, 70, 100), 0);
        Schedule step = Schedule.parse("step(every=3, gamma=0.5)");
        assertEquals(0.1, step.rate(0.1, 2, 0, 1), 1e-15);
        assertEquals(0.05, step.rate(0.1, 3, 0, 1), 1e-15);
        assertEquals(0.025, step.rate(0.1, 7, 0, 1), 1e-15);
        Schedule cosine = Schedule.parse("cosine");
        assertEquals(0.1, cosine.rate(0.1, 0, 0, 100), 1e-15);
        assertEquals(0.05, cosine.rate(0.1, 0, 50, 100), 1e-15);
        assertEquals(0.1 * 0.5 * (1 + Math.cos(Math.PI / 4)), cosine.rate(0.1, 0, 25, 100), 1e-15);
        assertEquals(0.0, cosine.rate(0.1, 0, 100, 100), 1e-15);
        assertEquals(0.01, Schedule.parse("cosine(min=0.1)").rate(0.1, 0, 100, 100), 1e-15);
        assertEquals("step(every=3, gamma=0.5)", step.spec());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("step"));
        assertEquals("schedule step: needs every (it has no default), for example step(every=...)", e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("linear"));
        assertTrue(unknown.getMessage().startsWith("unknown schedule 'linear'"));
    }
}
