package org.actlab.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grammar, binding, checks and printing of the one spec language, on a toy registry. */
class SpecLanguageTest {

    /** A toy thing made from a spec: its canonical spec and values. */
    private record Toy(String spec, double[] values) {
    }

    private static final Schema RATE = Schema.of("toy", "rate",
            Param.of("gain", 2).positive(), Param.required("steps").whole().atLeast(1), Param.of("mix", 0.5).atLeast(0).below(1).alias("blend"));
    private static final Registry<Toy> TOYS = new Registry<Toy>("toy")
            .register("plain", v -> new Toy(v.spec(), v.values()))
            .register(RATE, v -> new Toy(v.spec(), v.values()))
            .alias("simple", "plain");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate(2, 3)|rate(gain=2.0, steps=3, mix=0.5)",
        "rate(steps=3)|rate(gain=2.0, steps=3, mix=0.5)",
        "RATE ( 1.5 , 4 , blend = 0.25 )|rate(gain=1.5, steps=4, mix=0.25)",
        "rate(mix=0, steps=1e1, gain=.5)|rate(gain=0.5, steps=10, mix=0.0)",
        "plain|plain",
        "simple()|plain",
    })
    void variantsBindToOneCanonicalForm(String variant, String canonical) {
        assertEquals(canonical, TOYS.parse(variant).spec());
        assertEquals(canonical, TOYS.canonical(variant));
        assertEquals(canonical, TOYS.parse(canonical).spec(), "the canonical form reads back to itself");
    }

    @Test
    void positionalValuesFillInOrderAndDefaultsTheRest() {
        assertArrayEquals(new double[] {7, 2, 0.5}, TOYS.parse("rate(7, 2)").values());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rate|toy rate: needs steps (it has no default), for example rate(steps=...)",
        "rate(gain=0, steps=1)|toy rate: gain must be > 0, got 0",
        "rate(steps=1.5)|toy rate: steps must be a whole number >= 1, got 1.5",
        "rate(steps=1, mix=1)|toy rate: mix must be in [0, 1), got 1",
        "rate(steps=Infinity)|toy rate: steps must be a whole number >= 1, got Infinity",
        "rate(steps=NaN)|toy rate: steps must be a whole number >= 1, got NaN",
        "rate(steps=2d)|toy rate: steps: cannot parse '2d' as a number",
        "rate(steps=x)|toy rate: steps: cannot parse 'x' as a number",
        "rate(steps=1, rho=2)|toy rate: has no parameter 'rho'; its parameters: gain, steps, mix",
        "rate(steps=1, 2)|toy rate: positional value '2' after a key=value parameter",
        "rate(2, gain=3, steps=1)|toy rate: gain given twice",
        "rate(1, 2, 3, 4)|toy rate: takes at most 3 parameters (gain, steps, mix), got 4",
        "plain(1)|toy plain: takes no parameters, got 1",
        "rate(1|malformed toy spec 'rate(1': expected ')' at the end",
        "rate)|malformed toy spec 'rate)': ')' without '('",
        "rate((1))|malformed toy spec 'rate((1))': nested parentheses",
        "rate(1,,2)|malformed toy spec 'rate(1,,2)': empty parameter at position 2",
        "rat|unknown toy 'rat'; did you mean 'rate'? Known: plain, rate",
        "zzzzzzzz|unknown toy 'zzzzzzzz'. Known: plain, rate",
    })
    void badSpecsGiveOneLineInTheOneWording(String spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TOYS.parse(spec));
        assertEquals(message, e.getMessage());
    }

    @Test
    void emptySpecsAreNamedByKind() {
        assertEquals("empty toy spec", assertThrows(IllegalArgumentException.class, () -> TOYS.parse(" ")).getMessage());
        assertEquals("empty toy spec", assertThrows(IllegalArgumentException.class, () -> TOYS.parse(null)).getMessage());
    }

    @Test
    void singlePrecisionSchemasReadAndPrintFloats() {
        Schema s = Schema.ofFloats("toy", "f", Param.of("a", 0.1f));
        // 0.1f printed as a float, not as the double 0.10000000149011612.
        assertEquals("f(a=0.1)", s.format(0.1f));
        Spec parsed = Spec.parse("toy", "f(16777217)");
        assertEquals(16777216.0, s.bind(parsed).get(0), "read as a float: 2^24 + 1 rounds to 2^24");
        assertEquals("toy f: a must be finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> s.bind(Spec.parse("toy", "f(1e39)"))).getMessage());
    }

    @Test
    void schemasDescribeThemselvesForThePage() {
        Param mix = RATE.params().get(2);
        assertEquals("mix", mix.key());
        assertEquals(0.5, mix.defaultValue());
        assertEquals(0.0, mix.min());
        assertFalse(mix.minExclusive());
        assertEquals(1.0, mix.max());
        assertTrue(mix.maxExclusive());
        assertEquals(List.of("blend"), mix.aliases());
        assertEquals(null, RATE.params().get(1).defaultValue());
        assertEquals(List.of("gain", "steps", "mix"), RATE.keys());
        assertEquals(List.of("plain", "rate"), TOYS.names());
        assertEquals("plain", TOYS.aliases().get("simple"));
        assertTrue(TOYS.contains(" Simple "));
        assertFalse(TOYS.contains("other"));
    }

    @Test
    void declarationsThatCannotWorkAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Schema.of("toy", "x", Param.of("a", 1), Param.of("b", 1).alias("a")));
        assertThrows(IllegalArgumentException.class, () -> Schema.of("toy", "Upper"));
        assertThrows(IllegalArgumentException.class, () -> new Registry<Toy>("toy").register(Schema.of("other", "x"), v -> null));
        assertThrows(IllegalArgumentException.class, () -> TOYS.alias("again", "missing"));
        assertThrows(IllegalArgumentException.class, () -> TOYS.register("plain", v -> null));
    }
}
