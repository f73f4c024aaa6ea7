package org.actlab.kernel;

/**
 * The one place that loads, by name, the implementations that exist only on the JVM: the Vector
 * API kernels ({@link VectorActivationKernels}, {@link VectorGemm}, {@link VectorUpdateKernels}) and
 * the intrinsic FMA route ({@link IntrinsicFma}). No other class links against
 * {@code jdk.incubator.vector} or calls {@code Math.fma(float, float, float)} on the scalar path, and
 * nothing else here uses reflection.
 *
 * <p>Why by name: the browser build (TeaVM 0.16) compiles every method its static analysis can
 * reach and fails on any reachable reference to a class or method its class library lacks
 * ({@code ModuleLayer}, {@code jdk.incubator.vector}, {@code Math.fma}); a class named only in a
 * string is not reached, and at run time there {@code Class.forName} finds nothing. Only the
 * vector path and the intrinsic FMA route come here, each look-up once, on first use (lazy
 * holders); {@code -Dactlab.kernel=scalar} and {@code -Dactlab.fma=emulated} never do.
 *
 * <p>The Vector API probe is {@code Class.forName} on a class of the module rather than a
 * {@code ModuleLayer} query: on the JVM both find it only when the module is in the boot layer.
 */
final class JvmProvider {

    private JvmProvider() {
    }

    /** The Vector API activation kernels, or {@code null} when {@code jdk.incubator.vector} is not usable. */
    static ActivationKernels vectorActivations() {
        return ActivationsHolder.INSTANCE;
    }

    /** The Vector API matrix multiply, or {@code null} when {@code jdk.incubator.vector} is not usable. */
    static Gemm vectorGemm() {
        return GemmHolder.INSTANCE;
    }

    /** The Vector API parameter updates, or {@code null} when {@code jdk.incubator.vector} is not usable. */
    static UpdateKernels vectorUpdates() {
        return UpdatesHolder.INSTANCE;
    }

    /** {@link Math#fma(float, float, float)} as a route, or {@code null} where the platform lacks it. */
    static FloatFma.Route intrinsicFma() {
        return load("org.actlab.kernel.IntrinsicFma", FloatFma.Route.class);
    }

    private static final class ActivationsHolder {
        static final ActivationKernels INSTANCE =
                vectorApiPresent() ? load("org.actlab.kernel.VectorActivationKernels", ActivationKernels.class) : null;
    }

    private static final class GemmHolder {
        static final Gemm INSTANCE = vectorApiPresent() ? load("org.actlab.kernel.VectorGemm", Gemm.class) : null;
    }

    private static final class UpdatesHolder {
        static final UpdateKernels INSTANCE =
                vectorApiPresent() ? load("org.actlab.kernel.VectorUpdateKernels", UpdateKernels.class) : null;
    }

    private static boolean vectorApiPresent() {
        try {
            Class.forName("jdk.incubator.vector.FloatVector");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static <T> T load(String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
