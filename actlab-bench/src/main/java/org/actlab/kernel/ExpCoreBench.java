package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import org.actlab.bench.BenchData;
import org.actlab.bench.CpuTime;
import org.actlab.bench.VectorJmhDefaults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 8's "one exp core in the Vector API code", with JMH: could the full-precision core
 * ({@link VectorTranscendentals#fullExp}, about one double ULP, which gelu and tanhshrink need)
 * serve every caller at no cost in speed? {@code shipped} runs the shipped loops of sigmoid,
 * tanh, elu and softplus (forward or backward: {@code -p loop=f} or {@code f'}, over 2^20 floats)
 * on the 2^-31 core; {@code fullCore} runs the same loops, the same operations but for e^y and
 * expm1(y), on the full-precision core. Setup checks that both agree to within one float ULP of f
 * or f' on all inputs (the full core's floats may differ from the shipped ones in the last bit
 * only where the double lands next to a rounding midpoint). The earlier question, one exp helper
 * against the reduction inlined by hand in every loop, was answered by this class's {@code inlined}
 * loops (docs/BENCHMARKS.md, "One exp core: helper against inlined code"; they are in the git
 * history). In package {@code org.actlab.kernel} to reach the package-private loops; nothing
 * here ships.
 */
@State(Scope.Thread)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ExpCoreBench extends VectorJmhDefaults {

    /** f forward, f' backward; sigmoid and softplus take the logistic form (e^y, a division), tanh and elu expm1. */
    @Param({"sigmoid", "sigmoid'", "tanh", "tanh'", "elu", "elu'", "softplus", "softplus'"})
    public String loop;

    private static final int SIZE = 1 << 20;
    private final float[] z = BenchData.preActivations(SIZE, BenchData.SEED);
    private final float[] dA = BenchData.uniform(SIZE, -1f, 1f, BenchData.SEED + 1);
    private final float[] out = new float[SIZE];
    private Runnable shippedLoop;
    private Runnable fullCoreLoop;

    @Setup
    public void setUp() {
        switch (loop) {
            case "sigmoid" -> loops(() -> VectorTranscendentals.sigmoidForward(z, 0, out, 0, SIZE), () -> sigmoidForward(z, out));
            case "sigmoid'" -> loops(() -> VectorTranscendentals.sigmoidBackward(z, 0, dA, 0, out, 0, SIZE),
                    () -> sigmoidBackward(z, dA, out));
            case "tanh" -> loops(() -> VectorTranscendentals.tanhForward(z, 0, out, 0, SIZE), () -> tanhForward(z, out));
            case "tanh'" -> loops(() -> VectorTranscendentals.tanhBackward(z, 0, dA, 0, out, 0, SIZE),
                    () -> tanhBackward(z, dA, out));
            case "elu" -> loops(() -> VectorTranscendentals.eluForward(1.0, z, 0, out, 0, SIZE), () -> eluForward(z, out));
            case "elu'" -> loops(() -> VectorTranscendentals.eluBackward(1.0, z, 0, dA, 0, out, 0, SIZE),
                    () -> eluBackward(z, dA, out));
            case "softplus" -> loops(() -> VectorSmooth.softplusForward(1f, 20f, z, 0, out, 0, SIZE),
                    () -> softplusForward(z, out));
            case "softplus'" -> loops(() -> VectorSmooth.softplusBackward(1f, 20f, z, 0, dA, 0, out, 0, SIZE),
                    () -> softplusBackward(z, dA, out));
            default -> throw new IllegalArgumentException("unknown loop: " + loop);
        }
        shippedLoop.run();
        float[] shipped = out.clone();
        fullCoreLoop.run();
        // 1 ULP of f or f'; backward multiplies by dA, which can make 1 ULP of f' 2 of the product.
        int ulps = loop.endsWith("'") ? 2 : 1;
        for (int i = 0; i < SIZE; i++) {
            if (Math.abs(Float.floatToIntBits(shipped[i]) - Float.floatToIntBits(out[i])) > ulps) {
                throw new IllegalStateException(loop + " differs by more than " + ulps + " ULP at z = " + z[i] + ": "
                        + shipped[i] + " vs " + out[i]);
            }
        }
    }

    private void loops(Runnable shipped, Runnable fullCore) {
        shippedLoop = shipped;
        fullCoreLoop = fullCore;
    }

    @Benchmark
    public float[] shipped(CpuTime cpu) {
        long started = cpu.start();
        shippedLoop.run();
        cpu.stop(started);
        return out;
    }

    @Benchmark
    public float[] fullCore(CpuTime cpu) {
        long started = cpu.start();
        fullCoreLoop.run();
        cpu.stop(started);
        return out;
    }

    // ---- the shipped loops on the full-precision core (whole vectors only: size is a multiple of the lanes) ----

    private static final int LANES = VectorTranscendentals.LANES;
    private static final DoubleVector ZERO = DoubleVector.zero(VectorTranscendentals.D);
    private static final DoubleVector ONE = DoubleVector.broadcast(VectorTranscendentals.D, 1.0);
    private static final DoubleVector TWO = DoubleVector.broadcast(VectorTranscendentals.D, 2.0);
    private static final DoubleVector FOUR = DoubleVector.broadcast(VectorTranscendentals.D, 4.0);
    private static final DoubleVector LOG2E_V = DoubleVector.broadcast(VectorTranscendentals.D, 1.4426950408889634);
    private static final DoubleVector ROUNDER_V = DoubleVector.broadcast(VectorTranscendentals.D, 6755399441055744.0);
    private static final LongVector SIGN_BIT = LongVector.broadcast(LongVector.SPECIES_PREFERRED, 0x8000000000000000L);
    private static final LongVector MAGNITUDE_BITS = LongVector.broadcast(LongVector.SPECIES_PREFERRED, ~0x8000000000000000L);
    private static final LongVector EXPONENT_BIAS = LongVector.broadcast(LongVector.SPECIES_PREFERRED, 1023L << 52);
    private static final DoubleVector LINEAR_LOW = DoubleVector.broadcast(VectorTranscendentals.D, -200.0);
    private static final DoubleVector LOGISTIC_LOW = DoubleVector.broadcast(VectorTranscendentals.D, -120.0);
    private static final DoubleVector SOFTPLUS_LIMIT = DoubleVector.broadcast(VectorTranscendentals.D, 20.0);

    /** expm1(y) on the full-precision reduction and polynomial; y >= −200 (2^k normal). */
    private static DoubleVector fullExpm1(DoubleVector y) {
        DoubleVector v = y.fma(LOG2E_V, ROUNDER_V);
        DoubleVector s = v.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(EXPONENT_BIAS).reinterpretAsDoubles();
        return VectorTranscendentals.expm1Reduced(v, y, true).fma(s, s.sub(ONE));
    }

    private static DoubleVector negMag(DoubleVector x) {
        DoubleVector m = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
        return m.blend(LOGISTIC_LOW, m.compare(VectorOperators.LT, LOGISTIC_LOW));
    }

    private static DoubleVector fullLogistic(DoubleVector x) {
        DoubleVector t = VectorTranscendentals.fullExp(negMag(x));
        return ONE.blend(t, x.compare(VectorOperators.LT, ZERO)).div(t.add(ONE));
    }

    private static void sigmoidForward(float[] z, float[] a) {
        for (int i = 0; i < SIZE; i += LANES) {
            VectorTranscendentals.round(fullLogistic(VectorTranscendentals.load(z, i))).intoArray(a, i);
        }
    }

    private static void sigmoidBackward(float[] z, float[] dA, float[] dZ) {
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector t = VectorTranscendentals.fullExp(negMag(VectorTranscendentals.load(z, i)));
            DoubleVector d = t.add(ONE);
            VectorTranscendentals.storeScaled(t.div(d.mul(d)), dA, i, dZ, i);
        }
    }

    private static void tanhForward(float[] z, float[] a) {
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector x = VectorTranscendentals.load(z, i);
            DoubleVector negMag = negMag(x);
            DoubleVector m = fullExpm1(negMag.add(negMag));
            DoubleVector y = m.div(m.neg().sub(TWO)).reinterpretAsLongs().lanewise(VectorOperators.AND, MAGNITUDE_BITS)
                    .lanewise(VectorOperators.OR, x.reinterpretAsLongs().lanewise(VectorOperators.AND, SIGN_BIT))
                    .reinterpretAsDoubles();
            VectorTranscendentals.round(y).intoArray(a, i);
        }
    }

    private static void tanhBackward(float[] z, float[] dA, float[] dZ) {
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector negMag = negMag(VectorTranscendentals.load(z, i));
            DoubleVector t = VectorTranscendentals.fullExp(negMag.add(negMag));
            DoubleVector d = t.add(ONE);
            VectorTranscendentals.storeScaled(t.mul(FOUR).div(d.mul(d)), dA, i, dZ, i);
        }
    }

    private static void eluForward(float[] z, float[] a) {
        DoubleVector alphas = DoubleVector.broadcast(VectorTranscendentals.D, 1.0);
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector x = VectorTranscendentals.load(z, i);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector m = fullExpm1(c).blend(c, c.compare(VectorOperators.EQ, ZERO));
            VectorTranscendentals.round(x.blend(m.mul(alphas), x.compare(VectorOperators.LE, ZERO))).intoArray(a, i);
        }
    }

    private static void eluBackward(float[] z, float[] dA, float[] dZ) {
        DoubleVector alphas = DoubleVector.broadcast(VectorTranscendentals.D, 1.0);
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector x = VectorTranscendentals.load(z, i);
            DoubleVector e = VectorTranscendentals.fullExp(x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW)));
            DoubleVector y = ONE.blend(e.mul(alphas), x.compare(VectorOperators.LE, ZERO)).blend(x, x.compare(VectorOperators.NE, x));
            VectorTranscendentals.storeScaled(y, dA, i, dZ, i);
        }
    }

    /** softplus(x), beta 1 and threshold 20: fullExp underflows to 0 by itself, where VectorSmooth clamps and blends. */
    private static void softplusForward(float[] z, float[] a) {
        DoubleVector b = DoubleVector.broadcast(VectorTranscendentals.D, 1.0);
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector x = VectorTranscendentals.load(z, i);
            DoubleVector bx = x.mul(b);
            DoubleVector e = VectorTranscendentals.fullExp(bx.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT)
                    .reinterpretAsDoubles());
            DoubleVector sp = bx.max(ZERO).add(e.lanewise(VectorOperators.LOG1P));
            DoubleVector y = sp.div(b).blend(x, bx.compare(VectorOperators.GT, SOFTPLUS_LIMIT).or(x.compare(VectorOperators.NE, x)));
            VectorTranscendentals.round(y).intoArray(a, i);
        }
    }

    private static void softplusBackward(float[] z, float[] dA, float[] dZ) {
        DoubleVector b = DoubleVector.broadcast(VectorTranscendentals.D, 1.0);
        for (int i = 0; i < SIZE; i += LANES) {
            DoubleVector bx = VectorTranscendentals.load(z, i).mul(b);
            DoubleVector t = VectorTranscendentals.fullExp(bx.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT)
                    .reinterpretAsDoubles());
            DoubleVector y = ONE.blend(t, bx.compare(VectorOperators.LT, ZERO)).div(t.add(ONE))
                    .blend(ONE, bx.compare(VectorOperators.GT, SOFTPLUS_LIMIT));
            VectorTranscendentals.storeScaled(y, dA, i, dZ, i);
        }
    }
}
