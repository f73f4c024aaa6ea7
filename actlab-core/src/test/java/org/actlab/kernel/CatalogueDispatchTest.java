package org.actlab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.activation.Kind;
import org.actlab.activation.Twice;
import org.junit.jupiter.api.Test;

/**
 * Walks the whole catalogue and proves that each activation reaches a loop of its own on both
 * kernel paths, forward and backward, or is one of the vector path's documented opt-outs
 * ({@link VectorActivationKernels#SCALAR_FORWARD}, {@link VectorActivationKernels#SCALAR_BACKWARD}).
 * The check calls the very methods the kernels dispatch through ({@code forwardFast},
 * {@code backwardFast}), so a type that a switch forgets (as isru once was) fails here instead of
 * quietly taking the generic loop.
 */
class CatalogueDispatchTest {

    private static final float[] Z = {-3f, -0.5f, -0f, 0f, 0.25f, 2f, 7f, Float.NaN, -1e-3f, 40f, -40f};

    @Test
    void everyCatalogueActivationHasAKindOfItsOwn() {
        for (Activation f : Activations.catalogue()) {
            Kind kind = Kind.of(f);
            assertNotEquals(Kind.OTHER, kind, f.spec());
            assertTrue(kind.type().isInstance(f), f.spec() + " is not a " + kind.type());
        }
    }

    @Test
    void everyKindOfTheCatalogueIsUsedByIt() {
        // The enum holds no stale entries: each kind but OTHER is some catalogue function's.
        TreeSet<Kind> used = new TreeSet<>();
        for (Activation f : Activations.catalogue()) {
            used.add(Kind.of(f));
        }
        for (Kind k : Kind.values()) {
            assertEquals(k != Kind.OTHER, used.contains(k), k.name());
        }
    }

    @Test
    void scalarPathHasALoopForEveryActivation() {
        for (Activation f : Activations.catalogue()) {
            float[] a = new float[Z.length];
            assertTrue(ScalarActivationKernels.forwardFast(f, Z, 0, a, 0, Z.length), "scalar forward " + f.spec());
            float[] dZ = new float[Z.length];
            assertTrue(ScalarActivationKernels.backwardFast(f, Z, 0, a, 0, ones(), 0, dZ, 0, Z.length),
                    "scalar backward " + f.spec());
            // The type's own loop computes what the activation itself says, element by element.
            for (int i = 0; i < Z.length; i++) {
                assertEquals(Float.floatToIntBits(f.apply(Z[i])), Float.floatToIntBits(a[i]),
                        f.spec() + " at " + Z[i]);
                // (rrelu's backward reads a; given inference outputs it recovers the inference slope.)
                assertEquals(Float.floatToIntBits(f.derivative(Z[i])), Float.floatToIntBits(dZ[i]),
                        f.spec() + "' at " + Z[i]);
            }
        }
    }

    @Test
    void vectorPathHasALoopForEveryActivationButItsDocumentedOptOuts() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vector() != null, "no Vector API in this JVM");
        List<String> wrong = new ArrayList<>();
        for (Activation f : Activations.catalogue()) {
            float[] a = new float[Z.length];
            boolean forward = VectorActivationKernels.forwardFast(f, Z, 0, a, 0, Z.length);
            boolean backward = VectorActivationKernels.backwardFast(f, Z, 0, a, 0, ones(), 0,
                    new float[Z.length], 0, Z.length);
            check(wrong, f.id() + " forward", forward, VectorActivationKernels.SCALAR_FORWARD.get(f.id()));
            check(wrong, f.id() + " backward", backward, VectorActivationKernels.SCALAR_BACKWARD.get(f.id()));
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void optOutsNameCatalogueFunctionsAndGiveAReason() {
        for (Map<String, String> optOuts : List.of(VectorActivationKernels.SCALAR_FORWARD,
                VectorActivationKernels.SCALAR_BACKWARD)) {
            for (Map.Entry<String, String> e : optOuts.entrySet()) {
                assertTrue(Activations.names().contains(e.getKey()), e.getKey());
                assertFalse(e.getValue().isBlank(), e.getKey());
            }
        }
    }

    @Test
    void aTypeOutsideTheCatalogueTakesTheGenericLoopOnBothPaths() {
        Activation twice = new Twice();
        assertEquals(Kind.OTHER, Kind.of(twice));
        float[] z = {1f, -2f, 3f};
        for (ActivationKernels k : paths()) {
            float[] a = new float[3];
            k.forward(twice, z, 0, a, 0, 3);
            assertArrayEquals(new float[] {2f, -4f, 6f}, a, k.name());
            float[] dZ = new float[3];
            k.backward(twice, z, 0, a, 0, new float[] {1f, 0.5f, -1f}, 0, dZ, 0, 3, null);
            assertArrayEquals(new float[] {2f, 1f, -2f}, dZ, k.name());
        }
    }

    private static void check(List<String> wrong, String what, boolean hasLoop, String optOut) {
        if (!hasLoop && optOut == null) {
            wrong.add(what + ": runs the scalar twin without a documented opt-out");
        } else if (hasLoop && optOut != null) {
            wrong.add(what + ": has a vector loop but is listed as an opt-out (" + optOut + ")");
        }
    }

    private static List<ActivationKernels> paths() {
        return Kernels.vector() == null ? List.of(Kernels.scalar()) : List.of(Kernels.scalar(), Kernels.vector());
    }

    private static float[] ones() {
        float[] ones = new float[Z.length];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }
}
