package org.actlab.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API twin of {@link UpdateKernels}: floats are loaded half a register at a time and
 * widened lane for lane into a full register of doubles (8 with AVX-512), where the update runs
 * with the scalar twin's operations in the same order; the result is narrowed back. A widening
 * cast with equal lane counts is one instruction each way ({@code vcvtps2pd}, {@code vcvtpd2ps}).
 */
final class VectorUpdateKernels implements UpdateKernels {

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as {@link #D}. */
    static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    @Override
    public void sgd(float[] w, float[] g, double rate) {
        UpdateKernels.checkLengths(w, g);
        DoubleVector r = DoubleVector.broadcast(D, rate);
        int bound = F.loopBound(w.length);
        int i = 0;
        for (; i < bound; i += F.length()) {
            DoubleVector wd = (DoubleVector) FloatVector.fromArray(F, w, i).castShape(D, 0);
            DoubleVector gd = (DoubleVector) FloatVector.fromArray(F, g, i).castShape(D, 0);
            ((FloatVector) wd.sub(gd.mul(r)).castShape(F, 0)).intoArray(w, i);
        }
        ScalarUpdateKernels.sgd(w, g, rate, i, w.length);
    }
}
