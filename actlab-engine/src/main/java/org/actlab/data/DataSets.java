package org.actlab.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.actlab.random.PortableRandom;
import org.actlab.text.DidYouMean;

/**
 * The registry of generated data sets, every one seeded: the same name, size, noise and seed give
 * the same rows on every machine ({@link PortableRandom}, no platform-dependent maths beyond
 * {@code Math.sin/cos/log/sqrt}).
 *
 * <table>
 *   <caption>Data sets</caption>
 *   <tr><th>name</th><th>task</th><th>what</th></tr>
 *   <tr><td>circle, xor, gauss, spiral</td><td>BINARY</td><td>TF Playground's classification sets, labels ±1 → 1/0</td></tr>
 *   <tr><td>plane, multi_gauss</td><td>REGRESSION</td><td>TF Playground's regression sets</td></tr>
 *   <tr><td>moons</td><td>BINARY</td><td>scikit-learn's make_moons, Gaussian noise of std {@code noise}</td></tr>
 *   <tr><td>sin, abs, step, poly</td><td>REGRESSION</td><td>1-D targets on [−π, π] for universal approximation</td></tr>
 * </table>
 *
 * The 2-D classification sets come out grouped by class; {@link Split#trainTest} shuffles.
 */
public final class DataSets {

    /** A generator of one named set from (n, noise, rng). */
    private interface Generator {
        Dataset generate(int n, double noise, PortableRandom rng);
    }

    private static final Map<String, Generator> GENERATORS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        register("circle", Playground::circle, "two classes: a disc of radius 2.5 inside a ring 3.5..5 (TF Playground)");
        register("xor", Playground::xor, "two classes by the sign of x1*x2 (TF Playground)");
        register("gauss", Playground::gauss, "two Gaussian blobs at (2,2) and (-2,-2) (TF Playground)");
        register("spiral", Playground::spiral, "two interleaved spirals (TF Playground)");
        register("plane", Playground::plane, "regression: (x1 + x2)/10 on [-6,6]^2 (TF Playground)");
        register("multi_gauss", Playground::multiGauss, "regression: six signed bumps on [-6,6]^2 (TF Playground)");
        register("moons", Playground::moons, "two interleaving half circles (scikit-learn make_moons)");
        for (Targets1D.Target target : Targets1D.TARGETS) {
            register(target.name(), (n, noise, rng) -> Targets1D.generate(target.name(), n, noise, rng),
                    "1-D regression: " + target.formula() + " on [-pi, pi]");
        }
    }

    /** The largest number of samples a generator accepts. */
    public static final int MAX_SAMPLES = 10_000_000;

    private DataSets() {
    }

    private static void register(String name, Generator generator, String description) {
        GENERATORS.put(name, generator);
        DESCRIPTIONS.put(name, description);
    }

    /**
     * Generates a named data set.
     *
     * @param name  one of {@link #names()}; case-insensitive, {@code -} is read as {@code _}
     *              ({@code reg-gauss} and {@code multi-gauss} also name multi_gauss)
     * @param n     number of rows, 1..{@value #MAX_SAMPLES}
     * @param noise noise level ≥ 0, as each generator documents
     * @param seed  the seed; equal arguments give equal rows
     * @throws IllegalArgumentException for an unknown name (with a did-you-mean), or a bad n or noise
     */
    public static Dataset generate(String name, int n, double noise, long seed) {
        String key = canonical(name);
        if (n < 1 || n > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be in 1.." + MAX_SAMPLES + ", got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        return GENERATORS.get(key).generate(n, noise, new PortableRandom(seed));
    }

    /** The canonical names, in the order of the table above. */
    public static List<String> names() {
        return List.copyOf(GENERATORS.keySet());
    }

    /** A one-line description of a named set. */
    public static String description(String name) {
        return DESCRIPTIONS.get(canonical(name));
    }

    /** True when {@code name} names a generated set. */
    public static boolean exists(String name) {
        return name != null && GENERATORS.containsKey(normalise(name));
    }

    private static String normalise(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return key.equals("reg_gauss") ? "multi_gauss" : key;
    }

    private static String canonical(String name) {
        if (name == null) {
            throw new IllegalArgumentException("no data set name given; expected one of " + String.join(", ", names()));
        }
        String key = normalise(name);
        if (!GENERATORS.containsKey(key)) {
            throw new IllegalArgumentException("unknown data set '" + name + "'" + DidYouMean.hint(key, names())
                    + "; expected one of " + String.join(", ", names()));
        }
        return key;
    }
}
