package org.actlab.lab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.Traits;
import org.junit.jupiter.api.Test;

/**
 * The cost experiment's decision logic on fake timings: the two-run agreement is a precondition of
 * the verdict, the control can fail, and the warm-up stops only on steady, compiled timings. (The
 * experiment itself times real kernels; its figures are in docs/EXPERIMENTS.md.)
 */
class ActivationCostGateTest {

    private static final ActivationCost COST = new ActivationCost();
    private static final RunOptions OPTIONS = RunOptions.quickRun();

    /**
     * Fake results for every trial: per round, an exp-based activation costs {@code dear} ns/element in
     * run 1 and {@code dear * repeatFactor} in run 2; a max-based one costs {@code cheap}, times
     * {@code evenFactor} for the even-indexed max-based activations (the control's first half); the rest
     * cost 1. Each round's value carries a small deterministic wobble, so the intervals have a width.
     */
    private static List<TrialResult> fake(double dear, double cheap, double repeatFactor, double evenFactor) {
        List<TrialResult> out = new ArrayList<>();
        for (Trial t : COST.trials(OPTIONS)) {
            Activation f = Activations.parse(t.text("activation"));
            Traits.Cost group = f.traits().cost();
            long cheapIndex = Activations.catalogue().stream().filter(g -> g.traits().cost() == Traits.Cost.CHEAP)
                    .takeWhile(g -> !g.id().equals(f.id())).count();
            double base = group == Traits.Cost.TRANSCENDENTAL ? dear * (t.integer("run") == 1 ? 1 : repeatFactor)
                    : group == Traits.Cost.CHEAP ? cheap * (cheapIndex % 2 == 0 ? evenFactor : 1) : 1;
            double[] forward = new double[5];
            double[] backward = new double[5];
            for (int r = 0; r < forward.length; r++) {
                double wobble = 1 + 0.01 * ((r * 7 + cheapIndex) % 3 - 1);
                forward[r] = base * wobble / 2;
                backward[r] = base * wobble / 2;
            }
            out.add(TrialResult.of(t).put("id", f.id()).put("cost class", group.name()).put("kernels", t.text("kernels"))
                    .put("forward", forward).put("backward", backward).put("priming calls", 2000).put("warm-up blocks", 6).put("steady", true)
                    .put("JIT ms during rounds", 0).put("clock", "fake").put("JVM", "fake").put("sink", 0.0).build());
        }
        return out;
    }

    private static List<Effect> role(ExperimentResult r, Effect.Role role) {
        return r.effects().stream().filter(e -> e.role() == role).toList();
    }

    @Test
    void agreeingRunsLetTheClaimDecide() {
        ExperimentResult r = COST.reduce(OPTIONS, fake(5, 1, 1.1, 1));
        assertEquals(Verdict.supported, r.verdict(), r.figures().toString());
        assertEquals(ActivationCost.paths().size(), role(r, Effect.Role.precondition).size(), "one precondition per path");
        assertTrue(r.figures().get("precondition").toString().startsWith("met"), r.figures().get("precondition").toString());
        // Every path: the claim clears log10 1.2, the A/A control does not.
        assertTrue(role(r, Effect.Role.claim).stream().allMatch(e -> e.verdict() == Verdict.supported));
        assertTrue(role(r, Effect.Role.control).stream().allMatch(e -> e.verdict() != Verdict.supported));
    }

    @Test
    void runsThatDisagreeMakeItInconclusiveWithTheReasonStated() {
        // The CI run's case: ×2.9 judged, ×5.7 repeated. The claim alone would be supported.
        ExperimentResult r = COST.reduce(OPTIONS, fake(2.9, 1, 5.7 / 2.9, 1));
        assertTrue(role(r, Effect.Role.claim).stream().allMatch(e -> e.verdict() == Verdict.supported));
        assertEquals(Verdict.inconclusive, r.verdict());
        String reason = r.figures().get("precondition").toString();
        assertTrue(reason.startsWith("NOT met") && reason.contains("15%"), reason);
        Effect gate = role(r, Effect.Role.precondition).get(0);
        assertEquals(1.15, gate.margin(), 1e-12, "the bar stays at 15%");
        assertEquals(5.7 / 2.9, gate.estimate(), 0.02);
        assertEquals(Verdict.not_supported, gate.verdict());
        assertFalse(Effect.failedPreconditions(r.effects()).isEmpty());
        // A contrary claim does not survive an invalid measurement either: no verdict either way.
        assertEquals(Verdict.inconclusive, COST.reduce(OPTIONS, fake(1, 1, 2, 1)).verdict());
        assertEquals(Verdict.not_supported, COST.reduce(OPTIONS, fake(1, 1, 1, 1)).verdict());
    }

    @Test
    void aPassingControlCapsTheVerdictEvenWhenTheRunsAgree() {
        // Half of the max-based activations three times dearer than the other half: the A/A split clears the margin.
        ExperimentResult r = COST.reduce(OPTIONS, fake(10, 1, 1, 3));
        assertTrue(role(r, Effect.Role.control).stream().allMatch(e -> e.verdict() == Verdict.supported));
        assertTrue(role(r, Effect.Role.precondition).stream().allMatch(e -> e.verdict() == Verdict.supported));
        assertEquals(Verdict.inconclusive, r.verdict());
    }

    @Test
    void theAgreementBarIsFifteenPercentLargerOverSmaller() {
        assertEquals(Verdict.supported, ActivationCost.agreement("k", 5, 5.7).verdict(), "5.7 / 5 = 1.14");
        assertEquals(Verdict.supported, ActivationCost.agreement("k", 5.7, 5).verdict(), "the order does not matter");
        assertEquals(Verdict.not_supported, ActivationCost.agreement("k", 5, 5.8).verdict(), "5.8 / 5 = 1.16");
        assertEquals(Verdict.inconclusive, ActivationCost.agreement("k", Double.NaN, 5).verdict());
        assertEquals(Verdict.inconclusive, ActivationCost.agreement("k", 0, 0).verdict());
    }

    /** A block source that returns the given costs in turn, then repeats the last. */
    private static DoubleSupplier blocks(double... costs) {
        int[] next = {0};
        return () -> costs[Math.min(next[0]++, costs.length - 1)];
    }

    @Test
    void warmUpStopsWhenTwoBatchMediansAgreeAndTheJitIsIdle() {
        WarmUp.Rule rule = new WarmUp.Rule(3, 0.05, 10);
        // Interpreted, then first tier, then compiled: batch medians 100, 40, 10, 10.
        WarmUp.Outcome o = WarmUp.run(rule, blocks(100, 100, 100, 40, 40, 40, 10, 10, 10, 10, 10, 10), () -> 0);
        assertTrue(o.steady());
        assertEquals(12, o.blocks());
        assertEquals(10, o.lastMedian(), 0);
        // One preempted block does not move a batch's median.
        WarmUp.Outcome noisy = WarmUp.run(rule, blocks(10, 10, 90, 10, 80, 10), () -> 0);
        assertTrue(noisy.steady());
        assertEquals(6, noisy.blocks());
    }

    @Test
    void equallySlowBatchesWhileTheJitStillCompilesAreNotSteady() {
        WarmUp.Rule rule = new WarmUp.Rule(2, 0.05, 10);
        // The rate is flat at 100 (slow code) for 3 batches while compilations finish, then drops to 10.
        long[] jit = {0};
        int[] calls = {0};
        DoubleSupplier block = () -> {
            calls[0]++;
            if (calls[0] <= 6) {
                jit[0] += 5;
            }
            return calls[0] <= 6 ? 100 : 10;
        };
        LongSupplier jitClock = () -> jit[0];
        WarmUp.Outcome o = WarmUp.run(rule, block, jitClock);
        assertTrue(o.steady());
        assertEquals(10, o.lastMedian(), 0, "it waited for the compiled code");
        assertEquals(10, o.blocks(), "batch 4 (blocks 7-8) is the first fast one; batch 5 confirms it");
    }

    @Test
    void aWarmUpThatNeverSettlesSaysSoAtTheCap() {
        WarmUp.Rule rule = new WarmUp.Rule(2, 0.05, 4);
        WarmUp.Outcome o = WarmUp.run(rule, blocks(10, 10, 20, 20, 10, 10, 20, 20, 10, 10), () -> 0);
        assertFalse(o.steady());
        assertEquals(8, o.blocks());
        long[] compiling = {0};
        assertFalse(WarmUp.run(rule, () -> {
            compiling[0]++;
            return 10;
        }, () -> compiling[0]).steady(), "steady rates while the JIT keeps compiling");
        assertThrows(IllegalArgumentException.class, () -> new WarmUp.Rule(0, 0.05, 4));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp.Rule(2, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp.Rule(2, 0.05, 1));
        assertTrue(Arrays.asList(ActivationCost.FULL_WARM_UP, ActivationCost.QUICK_WARM_UP).stream()
                .allMatch(r -> r.tolerance() == 0.05));
    }
    /** A quick trial as a full run would measure it: in {@code forks} fresh JVMs. */
    private static Trial forked(String activation, int forks) {
        return Trial.of("cost", "ns-per-element").with("activation", activation).with("kernels", "scalar").with("run", 1)
                .with("quick", true).with("forks", forks).with("seed", 1L).build();
    }

    @Test
    void aForkedTrialIsMeasuredInAnotherJvm() {
        TrialResult r = COST.runTrial(forked("relu", 1));
        assertEquals("1 forked, one per trial each", r.text("JVM"));
        assertEquals("relu", r.text("id"));
        assertEquals(1, r.numbers("fwd+bwd ns/element per fork").length);
        double[] forward = r.numbers("forward");
        double[] backward = r.numbers("backward");
        assertEquals(5, forward.length, "a quick trial's 5 rounds");
        for (int i = 0; i < forward.length; i++) {
            assertTrue(forward[i] > 0 && forward[i] < 1e6 && backward[i] > 0 && backward[i] < 1e6,
                    forward[i] + " / " + backward[i]);
        }
    }

    /** One fork's result: every round costs {@code cost} forward and twice that backward. */
    private static TrialResult fork(Trial t, double cost) {
        double[] forward = new double[5];
        Arrays.fill(forward, cost);
        double[] backward = new double[5];
        Arrays.fill(backward, 2 * cost);
        return TrialResult.of(t).put("id", "identity").put("cost class", "CHEAP").put("kernels", "vector").put("forward", forward)
                .put("backward", backward).put("priming calls", 20_000).put("warm-up blocks", 15).put("steady", true)
                .put("JIT ms during rounds", 2.0).put("clock", "fake").put("JVM", "forked").put("sink", 0.0).build();
    }

    @Test
    void oneForkLeftInSlowCodeDoesNotDecide() {
        // The vector identity's backward in 3 forks: 0.17, 0.18 and 40.9 ns per element.
        Trial t = forked("identity", 3);
        TrialResult r = CostFork.combine(t, List.of(fork(t, 0.17), fork(t, 40.9), fork(t, 0.18)));
        for (double f : r.numbers("forward")) {
            assertEquals(0.18, f, 0);
        }
        for (double b : r.numbers("backward")) {
            assertEquals(0.36, b, 0);
        }
        assertArrayEquals(new double[] {0.51, 122.7, 0.54}, r.numbers("fwd+bwd ns/element per fork"), 1e-9);
        assertEquals(15, r.integer("warm-up blocks"));
        assertEquals(6.0, r.number("JIT ms during rounds"), 1e-12);
    }

    @Test
    void aForkThatFailsSaysWhyInOneLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> COST.runTrial(forked("no_such_thing", 1)));
        assertTrue(e.getMessage().contains("exited with 1") && e.getMessage().contains("unknown activation 'no_such_thing'"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CostFork.run(forked("relu", 0), 0));
    }

    @Test
    void aFullRunForksAndAQuickRunDoesNot() {
        assertTrue(COST.trials(RunOptions.quickRun()).stream().allMatch(t -> t.integer("forks") == 0));
        List<Trial> full = COST.trials(RunOptions.full());
        assertTrue(full.stream().allMatch(t -> t.integer("forks") == ActivationCost.FORKS));
        // Forked runs are interleaved: each activation's run 1 and run 2 back to back, under the same load.
        for (int i = 0; i < full.size(); i += 2) {
            assertEquals(1, full.get(i).integer("run"));
            assertEquals(2, full.get(i + 1).integer("run"));
            assertEquals(full.get(i).text("activation"), full.get(i + 1).text("activation"));
            assertEquals(full.get(i).text("kernels"), full.get(i + 1).text("kernels"));
        }
    }
}
