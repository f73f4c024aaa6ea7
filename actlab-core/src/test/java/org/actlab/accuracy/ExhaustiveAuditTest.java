package org.actlab.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.kernel.ActivationKernels;
import org.actlab.kernel.Kernels;
import org.junit.jupiter.api.Test;

/**
 * The exhaustive audit on narrow bit ranges: every pattern is counted, a single wrong input is
 * found with its exact x, NaN and ±Inf are scored, threads do not change the result.
 */
class ExhaustiveAuditTest {

    private static final List<Activation> SEED_FUNCTIONS = List.of(Activations.parse("sigmoid"),
            Activations.parse("tanh"), Activations.parse("relu"), Activations.parse("leaky_relu"));

    private static ExhaustiveAudit.Config narrow(List<Activation> acts, List<ActivationKernels> paths, long from, long to) {
        return ExhaustiveAudit.Config.allFloats(acts, paths, 2).withBitRange(from, to).withChunkSize(4096);
    }

    private static int bits(float x) {
        return Float.floatToRawIntBits(x);
    }

    /** Patterns as unsigned longs, so that negative floats sort after positive ones as in the audit. */
    private static long unsignedBits(float x) {
        return Integer.toUnsignedLong(bits(x));
    }

    @Test
    void seedFunctionsMeetTheContractAroundZeroOneAndTheTopOfTheRange() {
        long[][] ranges = {
            {0, 1 << 14},                                                          // +0 and the smallest subnormals
            {unsignedBits(-0f), unsignedBits(-0f) + (1 << 14)},                    // -0 and negative subnormals
            {bits(1f) - (1 << 14), bits(1f) + (1 << 14)},                          // around 1
            {unsignedBits(-8f) - (1 << 14), unsignedBits(-8f) + (1 << 14)},        // around -8, deep in saturation
            {bits(Float.POSITIVE_INFINITY) - 64, bits(Float.POSITIVE_INFINITY) + 64}, // MAX_VALUE, +Inf, NaNs
            {ExhaustiveAudit.ALL_PATTERNS - 64, ExhaustiveAudit.ALL_PATTERNS},     // the last NaNs
        };
        for (long[] range : ranges) {
            List<AccuracyAudit.Row> rows = new ExhaustiveAudit(
                    narrow(SEED_FUNCTIONS, AccuracyAudit.availablePaths(), range[0], range[1])).run();
            assertEquals(SEED_FUNCTIONS.size() * AccuracyAudit.availablePaths().size(), rows.size());
            for (AccuracyAudit.Row r : rows) {
                assertEquals(range[1] - range[0], r.samples(), r.toString());
                assertTrue(r.maxUlpValue() <= 1.0 && r.maxUlpDerivative() <= 1.0, r.toString());
                if (r.spec().startsWith("relu") || r.spec().startsWith("leaky_relu")) {
                    // Piecewise linear: relu exact, leaky_relu's 0.01 x correctly rounded.
                    assertTrue(r.maxUlpValue() <= 0.5 && r.maxUlpDerivative() == 0, r.toString());
                }
            }
        }
    }

    /** Two wrong outputs among 2^16 inputs (about 1 in 30,000): the audit names exactly those x. */
    @Test
    void findsASinglePlantedErrorAndItsInput() {
        float badValueX = Float.intBitsToFloat(bits(1f) + 12_345);
        float badSlopeX = -0.75f;
        ActivationKernels planted = wrongAt(badValueX, badSlopeX);
        long from = bits(1f) - (1 << 15);
        ExhaustiveAudit.Config config = narrow(List.of(Activations.parse("tanh")), List.of(Kernels.scalar(), planted),
                from, from + (1 << 16));
        List<AccuracyAudit.Row> rows = new ExhaustiveAudit(config).run();
        AccuracyAudit.Row clean = rows.get(0);
        AccuracyAudit.Row wrong = rows.get(1);
        assertEquals("planted", wrong.path());
        assertTrue(clean.maxUlpValue() <= 1.0, clean.toString());
        // Three float steps up from a result within 0.5 ULP: between 2.5 and 3.5 ULP.
        assertTrue(wrong.maxUlpValue() >= 2.5 && wrong.maxUlpValue() <= 3.5, wrong.toString());
        assertEquals(badValueX, wrong.worstValueX());
        assertTrue(wrong.maxUlpDerivative() <= 1.0, wrong.toString());

        // badSlopeX is negative: its pattern lies far from the first range.

        long negFrom = unsignedBits(badSlopeX) - 100;
        List<AccuracyAudit.Row> negative = new ExhaustiveAudit(
                narrow(List.of(Activations.parse("tanh")), List.of(planted), negFrom, negFrom + 200)).run();
        assertEquals(badSlopeX, negative.get(0).worstDerivativeX());
        assertTrue(negative.get(0).maxUlpDerivative() >= 2.5, negative.get(0).toString());
    }

    /** A kernel that turns NaN into 0 breaks "NaN gives NaN": infinitely wrong, at a NaN input. */
    @Test
    void nanInNotNanOutIsInfinitelyWrong() {
        ActivationKernels nanToZero = new PlantedKernels("nan-to-zero", (z, a) -> Float.isNaN(a) ? 0 : a,
                PlantedKernels.NONE);
        long inf = bits(Float.POSITIVE_INFINITY);
        AccuracyAudit.Row withNaN = new ExhaustiveAudit(
                narrow(List.of(Activations.parse("relu")), List.of(nanToZero), inf - 8, inf + 8)).run().get(0);
        assertEquals(Double.POSITIVE_INFINITY, withNaN.maxUlpValue());
        // The lowest offending pattern is the first NaN after +Inf.
        assertEquals(inf + 1, Integer.toUnsignedLong(Float.floatToRawIntBits(withNaN.worstValueX())));
        assertEquals(0.0, withNaN.maxUlpDerivative());
        AccuracyAudit.Row withoutNaN = new ExhaustiveAudit(
                narrow(List.of(Activations.parse("relu")), List.of(nanToZero), inf - 8, inf + 1)).run().get(0);
        assertEquals(0.0, withoutNaN.maxUlpValue());
    }

    @Test
    void threadsAndChunksDoNotChangeTheRows() {
        long from = bits(-3f) & 0xffffffffL;
        ExhaustiveAudit.Config one = narrow(List.of(Activations.parse("sigmoid"), Activations.parse("tanh")),
                AccuracyAudit.availablePaths(), from, from + 20_000).withThreads(1).withChunkSize(20_000);
        ExhaustiveAudit.Config three = one.withThreads(3).withChunkSize(777);
        assertEquals(new ExhaustiveAudit(one).run(), new ExhaustiveAudit(three).run());
    }

    @Test
    void progressCountsEveryPatternOfEveryFunction() {
        List<long[]> reports = new ArrayList<>();
        ExhaustiveAudit.Config config = narrow(SEED_FUNCTIONS, List.of(Kernels.scalar()), 1000, 1000 + 10_000);
        new ExhaustiveAudit(config).run((done, total, elapsed) -> reports.add(new long[] {done, total, elapsed}));
        // 10,000 patterns in chunks of 4096: 3 chunks per function.
        assertEquals(3 * SEED_FUNCTIONS.size(), reports.size());
        long previous = 0;
        for (long[] r : reports) {
            assertEquals(10_000L * SEED_FUNCTIONS.size(), r[1]);
            assertTrue(r[0] > previous && r[2] >= 0);
            previous = r[0];
        }
        assertEquals(10_000L * SEED_FUNCTIONS.size(), previous);
    }

    @Test
    void referenceGivesTheLimitsAtInfinityAndNaNForNaN() {
        double inf = Double.POSITIVE_INFINITY;
        Object[][] cases = {
            // spec, f(+inf), f(-inf), f'(+inf), f'(-inf); worked out by hand
            {"sigmoid", 1.0, 0.0, 0.0, 0.0},
            {"tanh", 1.0, -1.0, 0.0, 0.0},
            {"relu", inf, 0.0, 1.0, 0.0},
            {"leaky_relu(0.25)", inf, -inf, 1.0, 0.25},
            {"gelu", inf, 0.0, 1.0, 0.0},
            {"gelu_tanh", inf, 0.0, 1.0, 0.0},
            {"silu", inf, 0.0, 1.0, 0.0},
            {"mish", inf, 0.0, 1.0, 0.0},
            {"softsign", 1.0, -1.0, 0.0, 0.0},
            {"hard_swish", inf, 0.0, 1.0, 0.0},
            {"rational_tanh", 1.7159, -1.7159, 0.0, 0.0},
            {"gaussian", 0.0, 0.0, 0.0, 0.0},
            {"bent_identity", inf, -inf, 1.5, 0.5},
            {"squareplus", inf, 0.0, 1.0, 0.0},
            {"isru(0.25)", 2.0, -2.0, 0.0, 0.0},
            {"sin", Double.NaN, Double.NaN, Double.NaN, Double.NaN},
        };
        for (Object[] c : cases) {
            Activation a = Activations.parse((String) c[0]);
            String spec = a.spec();
            assertEquals((double) c[1], Reference.value(a, inf), spec);
            assertEquals((double) c[2], Reference.value(a, -inf), spec);
            assertEquals((double) c[3], Reference.derivative(a, inf), spec);
            assertEquals((double) c[4], Reference.derivative(a, -inf), spec);
            assertTrue(Double.isNaN(Reference.value(a, Double.NaN)) && Double.isNaN(Reference.derivative(a, Double.NaN)), spec);
        }
        for (Activation a : Activations.catalogue()) {
            // Every limit exists except sin's; relu's value at NaN used to be 0 through "x > 0 ? x : 0".
            if (!a.id().equals("sin")) {
                for (double x : new double[] {inf, -inf}) {
                    assertTrue(!Double.isNaN(Reference.value(a, x)) && !Double.isNaN(Reference.derivative(a, x)),
                            a.spec() + " at " + x);
                }
            }
        }
    }

    @Test
    void configValidation() {
        ExhaustiveAudit.Config c = ExhaustiveAudit.Config.allFloats(SEED_FUNCTIONS, List.of(Kernels.scalar()), 2);
        assertEquals(ExhaustiveAudit.ALL_PATTERNS, c.patterns());
        assertEquals(4294967296L, c.patterns());
        assertEquals("threads must be in [1, 1024], got 0",
                assertThrows(IllegalArgumentException.class, () -> c.withThreads(0)).getMessage());
        assertEquals("bit range must satisfy 0 <= from < to <= 2^32, got from 0x10 to 0x10",
                assertThrows(IllegalArgumentException.class, () -> c.withBitRange(16, 16)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.withBitRange(-1, 16));
        assertThrows(IllegalArgumentException.class, () -> c.withBitRange(0, ExhaustiveAudit.ALL_PATTERNS + 1));
        assertEquals("chunk size must be in [1, 2^24], got 0",
                assertThrows(IllegalArgumentException.class, () -> c.withChunkSize(0)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ExhaustiveAudit.Config.allFloats(List.of(), List.of(Kernels.scalar()), 1));
        assertThrows(IllegalArgumentException.class,
                () -> ExhaustiveAudit.Config.allFloats(SEED_FUNCTIONS, List.of(), 1));
    }

    /** The scalar kernels, but f is three float steps too high at one x and f' three too low at another. */
    private static ActivationKernels wrongAt(float badValueX, float badSlopeX) {
        return new PlantedKernels("planted",
                (z, a) -> z == badValueX ? Math.nextUp(Math.nextUp(Math.nextUp(a))) : a,
                (z, dZ) -> z == badSlopeX ? Math.nextDown(Math.nextDown(Math.nextDown(dZ))) : dZ);
    }
}
