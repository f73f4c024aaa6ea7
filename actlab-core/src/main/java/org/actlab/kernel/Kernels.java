package org.actlab.kernel;

import java.util.Locale;

/**
 * Chooses the kernel implementations once, at class initialisation, in the manner of Lucene's
 * {@code VectorizationProvider}: the Vector API implementation when {@code jdk.incubator.vector}
 * is present and usable, else the scalar twin. The system property {@value #PROPERTY} forces a
 * choice: {@code scalar}, {@code vector} (fail if unavailable) or {@code auto} (the default).
 * With {@code scalar} the Vector API is never looked for: {@link JvmProvider}, the one class
 * that does, is reached only by {@link #vector()} and the other paths. The browser build sets
 * {@code scalar} before first use ({@code System.setProperty}).
 */
public final class Kernels {

    /** The system property that forces the kernel path. */
    public static final String PROPERTY = "actlab.kernel";

    private static final ActivationKernels SCALAR = new ScalarActivationKernels();
    private static final ActivationKernels CHOSEN = choose(System.getProperty(PROPERTY, "auto"));

    private Kernels() {
    }

    /** The activation kernels chosen at start-up. */
    public static ActivationKernels activations() {
        return CHOSEN;
    }

    /** The matrix multiply on the same path as {@link #activations()}: the scalar twin when that is scalar. */
    public static Gemm gemm() {
        return CHOSEN == SCALAR || Gemm.vector() == null ? Gemm.scalar() : Gemm.vector();
    }

    /** The optimisers' bulk updates on the same path as {@link #activations()}. */
    public static UpdateKernels updates() {
        UpdateKernels vector = CHOSEN == SCALAR ? null : JvmProvider.vectorUpdates();
        return vector == null ? UpdateKernels.scalar() : vector;
    }

    /** The scalar twin, always available. */
    public static ActivationKernels scalar() {
        return SCALAR;
    }

    /** The Vector API kernels, or {@code null} when {@code jdk.incubator.vector} is not usable. */
    public static ActivationKernels vector() {
        return JvmProvider.vectorActivations();
    }

    /**
     * The kernels for a path name: {@code auto}, {@code scalar}, or {@code simd}/{@code vector}.
     *
     * @throws IllegalArgumentException for an unknown name, or {@code simd} without the Vector API
     */
    public static ActivationKernels forPath(String path) {
        switch (path.toLowerCase(Locale.ROOT)) {
            case "auto":
                // CHOSEN is still null while this class initialises: choose() comes through here.
                return CHOSEN != null ? CHOSEN : vector() != null ? vector() : SCALAR;
            case "scalar":
                return SCALAR;
            case "simd":
            case "vector":
                if (vector() == null) {
                    throw new IllegalArgumentException("kernel path '" + path
                            + "' needs the Vector API: run java with --add-modules jdk.incubator.vector");
                }
                return vector();
            default:
                throw new IllegalArgumentException("unknown kernel path '" + path + "'; expected auto, scalar or simd");
        }
    }

    private static ActivationKernels choose(String property) {
        try {
            return forPath(property);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("-D" + PROPERTY + "=" + property + ": " + e.getMessage(), e);
        }
    }
}
