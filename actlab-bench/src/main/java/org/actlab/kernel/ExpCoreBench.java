package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
 * Issue 8's question "one exp core or the reduction inlined by hand in every loop?", answered
 * with JMH: {@code helper} runs {@link VectorTranscendentals}' loops, which call its shared
 * {@code exp}/{@code expm1}; {@code inlined} runs frozen copies of the same loops as they were
 * before (commit 521a8b7), with the reduction and polynomial written out. Same operations in the
 * same order, so the same bits (checked in setup). In package {@code org.actlab.kernel} to reach
 * the package-private loops; nothing here ships.
 */
@State(Scope.Thread)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class ExpCoreBench extends VectorJmhDefaults {

    /** sigmoid: the logistic form (e^y, a division); elu: the expm1 form. */
    @Param({"sigmoid", "elu"})
    public String function;

    @Param({"1048576"})
    public int size;

    private float[] z;
    private float[] a;

    @Setup
    public void setUp() {
        z = BenchData.preActivations(size, BenchData.SEED);
        a = new float[size];
        float[] b = new float[size];
        helper(new CpuTime());
        System.arraycopy(a, 0, b, 0, size);
        inlined(new CpuTime());
        for (int i = 0; i < size; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                throw new IllegalStateException(function + " differs at z = " + z[i] + ": " + a[i] + " vs " + b[i]);
            }
        }
    }

    @Benchmark
    public float[] helper(CpuTime cpu) {
        long started = cpu.start();
        if (function.equals("sigmoid")) {
            VectorTranscendentals.sigmoidForward(z, 0, a, 0, size);
        } else {
            VectorTranscendentals.eluForward(1.0, z, 0, a, 0, size);
        }
        cpu.stop(started);
        return a;
    }

    @Benchmark
    public float[] inlined(CpuTime cpu) {
        long started = cpu.start();
        if (function.equals("sigmoid")) {
            sigmoidInlined(z, a, size);
        } else {
            eluInlined(1.0, z, a, size);
        }
        cpu.stop(started);
        return a;
    }

    // ---- the frozen pre-refactor loops (whole vectors only: size is a multiple of the lanes) ----

    private static final int LANES = VectorTranscendentals.LANES;
    private static final DoubleVector ZERO = DoubleVector.zero(VectorTranscendentals.D);
    private static final DoubleVector ONE = DoubleVector.broadcast(VectorTranscendentals.D, 1.0);
    private static final DoubleVector LOG2E_V = DoubleVector.broadcast(VectorTranscendentals.D, 1.4426950408889634);
    private static final DoubleVector ROUNDER_V = DoubleVector.broadcast(VectorTranscendentals.D, 6755399441055744.0);
    private static final DoubleVector MINUS_LN2_V = DoubleVector.broadcast(VectorTranscendentals.D, -0.6931471805599453);
    private static final DoubleVector G0_V = DoubleVector.broadcast(VectorTranscendentals.D, 0.5000000044898083);
    private static final DoubleVector G1_V = DoubleVector.broadcast(VectorTranscendentals.D, 0.16666666365472713);
    private static final DoubleVector G2_V = DoubleVector.broadcast(VectorTranscendentals.D, 0.04166635751638032);
    private static final DoubleVector G3_V = DoubleVector.broadcast(VectorTranscendentals.D, 0.008333389999996053);
    private static final DoubleVector G4_V = DoubleVector.broadcast(VectorTranscendentals.D, 0.0013940914722494716);
    private static final DoubleVector G5_V = DoubleVector.broadcast(VectorTranscendentals.D, 0.00019845900428009644);
    private static final LongVector SIGN_BIT = LongVector.broadcast(LongVector.SPECIES_PREFERRED, 0x8000000000000000L);
    private static final LongVector EXPONENT_BIAS = LongVector.broadcast(LongVector.SPECIES_PREFERRED, 1023L << 52);
    private static final DoubleVector LOGISTIC_LOW = DoubleVector.broadcast(VectorTranscendentals.D, -120.0);
    private static final DoubleVector LINEAR_LOW = DoubleVector.broadcast(VectorTranscendentals.D, -200.0);

    static void sigmoidInlined(float[] z, float[] a, int n) {
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(VectorTranscendentals.FH, z, i)
                    .convertShape(VectorOperators.F2D, VectorTranscendentals.D, 0);
            DoubleVector yN = x.reinterpretAsLongs().lanewise(VectorOperators.OR, SIGN_BIT).reinterpretAsDoubles();
            yN = yN.blend(LOGISTIC_LOW, yN.compare(VectorOperators.LT, LOGISTIC_LOW));
            DoubleVector yTV = yN.fma(LOG2E_V, ROUNDER_V);
            DoubleVector yTS = yTV.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(EXPONENT_BIAS)
                    .reinterpretAsDoubles();
            DoubleVector yTR = yTV.sub(ROUNDER_V).fma(MINUS_LN2_V, yN);
            DoubleVector yTG = yTR.fma(G5_V, G4_V).fma(yTR, G3_V).fma(yTR, G2_V).fma(yTR, G1_V).fma(yTR, G0_V);
            DoubleVector yTP = yTR.mul(yTR).fma(yTG, yTR);
            DoubleVector yT = yTP.fma(yTS, yTS);
            DoubleVector y = ONE.blend(yT, x.compare(VectorOperators.LT, ZERO)).div(yT.add(ONE));
            ((FloatVector) y.convertShape(VectorOperators.D2F, VectorTranscendentals.FH, 0)).intoArray(a, i);
        }
    }

    static void eluInlined(double alpha, float[] z, float[] a, int n) {
        DoubleVector alphas = DoubleVector.broadcast(VectorTranscendentals.D, alpha);
        for (int i = 0; i <= n - LANES; i += LANES) {
            DoubleVector x = (DoubleVector) FloatVector.fromArray(VectorTranscendentals.FH, z, i)
                    .convertShape(VectorOperators.F2D, VectorTranscendentals.D, 0);
            DoubleVector c = x.blend(LINEAR_LOW, x.compare(VectorOperators.LT, LINEAR_LOW));
            DoubleVector mV = c.fma(LOG2E_V, ROUNDER_V);
            DoubleVector mS = mV.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(EXPONENT_BIAS)
                    .reinterpretAsDoubles();
            DoubleVector mR = mV.sub(ROUNDER_V).fma(MINUS_LN2_V, c);
            DoubleVector mG = mR.fma(G5_V, G4_V).fma(mR, G3_V).fma(mR, G2_V).fma(mR, G1_V).fma(mR, G0_V);
            DoubleVector mP = mR.mul(mR).fma(mG, mR);
            DoubleVector m = mP.fma(mS, mS.sub(ONE));
            m = m.blend(c, c.compare(VectorOperators.EQ, ZERO));
            DoubleVector y = x.blend(m.mul(alphas), x.compare(VectorOperators.LE, ZERO));
            ((FloatVector) y.convertShape(VectorOperators.D2F, VectorTranscendentals.FH, 0)).intoArray(a, i);
        }
    }
}
