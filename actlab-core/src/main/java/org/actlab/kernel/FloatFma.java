package org.actlab.kernel;

/**
 * The one place that decides how the scalar kernels compute a fused multiply-add of floats,
 * {@code fma(a, b, c) = round(a·b + c)} with a single rounding.
 *
 * <p>Two routes give the same bits for every input (pinned by {@code FloatFmaTest} against
 * {@link Math#fma(float, float, float)}):
 * <ul>
 *   <li>{@link IntrinsicFma}: {@code Math.fma}, a single instruction where the JIT intrinsifies it;
 *   <li>{@link EmulatedFma}: plain {@code double} arithmetic, for the browser build: TeaVM 0.16's
 *       class library has no {@code Math.fma} at all (the compiler rejects any reachable call),
 *       and WebAssembly has no FMA instruction.
 * </ul>
 * The route is chosen once, when this class initialises. The system property {@value #PROPERTY}
 * forces it: {@code intrinsic}, {@code emulated} or {@code auto} (the default), which takes the
 * intrinsic where {@link JvmProvider} can load it and {@code os.name} is not {@code TeaVM} (what
 * TeaVM's {@code System.getProperty} reports), else the emulation. On the JVM the intrinsic is
 * kept because the scalar GEMM's inner loop is one FMA per element (see docs/BENCHMARKS.md for the
 * measured cost of the emulation there).
 */
public final class FloatFma {

    /** The system property that forces the route: {@code intrinsic}, {@code emulated} or {@code auto}. */
    public static final String PROPERTY = "actlab.fma";

    /** One way to compute a float FMA; the scalar kernels call it through {@link #fma}. */
    interface Route {
        float fma(float a, float b, float c);
    }

    /** The emulation as a route. */
    static final Route EMULATED = EmulatedFma::fma;

    private static final Route ROUTE = choose(System.getProperty(PROPERTY, "auto"), System.getProperty("os.name"));

    private FloatFma() {
    }

    /** {@code a·b + c} rounded once to float, by the route chosen at start-up. */
    public static float fma(float a, float b, float c) {
        return ROUTE.fma(a, b, c);
    }

    /** {@code true} when {@link #fma} uses the JVM's {@code Math.fma}. */
    public static boolean intrinsic() {
        return ROUTE != EMULATED;
    }

    static Route choose(String route, String osName) {
        switch (route) {
            case "intrinsic": {
                Route intrinsic = JvmProvider.intrinsicFma();
                if (intrinsic == null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=intrinsic: this platform has no Math.fma(float, float, float)");
                }
                return intrinsic;
            }
            case "emulated":
                return EMULATED;
            case "auto": {
                Route intrinsic = "TeaVM".equals(osName) ? null : JvmProvider.intrinsicFma();
                return intrinsic != null ? intrinsic : EMULATED;
            }
            default:
                throw new IllegalStateException("-D" + PROPERTY + "=" + route
                        + ": expected intrinsic, emulated or auto");
        }
    }
}
