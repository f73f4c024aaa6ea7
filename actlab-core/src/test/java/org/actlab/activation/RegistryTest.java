package org.actlab.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec parsing, printing, aliases, validation messages and did-you-mean. */
class RegistryTest {

    static Stream<Activation> catalogue() {
        return Activations.catalogue().stream();
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Activations.parse(spec)).getMessage();
    }

    @Test
    void catalogueHasTheThirtySevenEntriesInOrder() {
        List<String> names = Activations.names();
        assertEquals(37, names.size());
        assertEquals(37, new HashSet<>(names).size());
        assertEquals("identity", names.get(0));
        assertEquals("arctan", names.get(Standard.values().length - 1));
        assertEquals(List.of("leaky_relu", "prelu", "rrelu", "elu", "celu", "softplus", "hard_tanh", "softshrink",
                "hardshrink", "threshold", "thresholded_relu", "squareplus", "isru"), names.subList(24, 37));
        List<Activation> catalogue = Activations.catalogue();
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), catalogue.get(i).id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void specRoundTrips(Activation a) {
        assertEquals(a, Activations.parse(a.spec()));
        assertTrue(a.spec().startsWith(a.id()));
        Traits t = a.traits();
        assertNotNull(t);
        assertFalse(t.formula().isBlank() || t.derivativeFormula().isBlank() || t.reference().isBlank(), a.spec());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "leaky_relu(slope=0.2)|leaky_relu(0.2)",
        "prelu(slope=-0.1)|prelu(init=-0.1)",
        "prelu(slope=0.3)|PReLU( 0.3 )",
        "rrelu(lower=0.1, upper=0.3)|rrelu(0.1, upper = 0.3)",
        "elu(alpha=0.5)|ELU(alpha=.5)",
        "celu(alpha=2.5)|celu(2.5)",
        "softplus(beta=2.0, threshold=10.0)|softplus(threshold=10, beta=2)",
        "softplus(beta=2.0, threshold=20.0)|softplus(2)",
        "hard_tanh(min=-2.0, max=0.5)|hardtanh(-2, 0.5)",
        "softshrink(lambda=1.5)|soft_shrink(lambda=1.5)",
        "hardshrink(lambda=0.25)|hardshrink(0.25)",
        "threshold(threshold=1.0, value=-2.0)|threshold(1, -2)",
        "thresholded_relu(theta=0.5)|thresholded_relu(theta=0.5)",
        "squareplus(b=0.25)|squareplus(b=0.25)",
        "isru(alpha=0.25)|ISRU(0.25)",
        "leaky_relu(slope=1.0E-5)|leaky_relu(1e-5)",
        "leaky_relu(slope=-0.0)|leaky_relu(-0.0)",
        "identity|linear",
        "sigmoid|  Logistic ",
        "silu|swish",
        "hard_swish|hard_silu",
        "gelu_tanh|GELU_TANH()",
    })
    void parsesVariantsToTheCanonicalSpec(String canonical, String variant) {
        Activation a = Activations.parse(variant);
        assertEquals(canonical, a.spec());
        assertEquals(a, Activations.parse(a.spec()));
    }

    @Test
    void nonDefaultParametersKeepTheirFloatBits() {
        float[] awkward = {0.1f, 1f / 3, Math.nextUp(0.01f), 1.4e-45f, 3.4028235e38f, 123456.79f};
        for (float v : awkward) {
            Activation a = new LeakyRelu(v);
            assertEquals(a, Activations.parse(a.spec()), a.spec());
            Activation e = new Elu(v);
            assertEquals(e, Activations.parse(e.spec()), e.spec());
        }
        Activation rr = new RRelu(0.1f, 0.1f);
        assertEquals(rr, Activations.parse(rr.spec()));
    }

    @Test
    void factories() {
        assertSame(Standard.RELU, Activations.relu());
        assertEquals(new LeakyRelu(0.01f), Activations.leakyRelu());
        assertEquals(new PRelu(0.1f), Activations.prelu(0.1f));
        assertEquals(new Softplus(1f, 20f), Activations.softplus());
        assertEquals("silu", Activations.aliases().get("swish"));
        assertEquals("identity", Activations.aliases().get("linear"));
        assertEquals("sigmoid", Activations.aliases().get("logistic"));
        assertEquals("hard_swish", Activations.aliases().get("hard_silu"));
        assertEquals(List.of("beta", "threshold"), Activations.parameterKeys("softplus"));
        assertEquals(List.of(), Activations.parameterKeys("swish"));
    }

    @Test
    void unknownNameSuggestsTheClosestAndListsAll() {
        String m = message("relu7");
        assertTrue(m.startsWith("unknown activation 'relu7'; did you mean 'relu6'? Known: identity, sigmoid, "), m);
        assertTrue(m.endsWith("squareplus, isru"), m);
        assertTrue(message("sigmiod").contains("did you mean 'sigmoid'?"));
        assertTrue(message("leaky_rely(0.1)").contains("did you mean 'leaky_relu'?"));
        assertFalse(message("transformer").contains("did you mean"), message("transformer"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "softplus(beta=-1)|activation softplus: beta must be > 0, got -1",
        "softplus(0)|activation softplus: beta must be > 0, got 0",
        "softshrink(lambda=-0.5)|activation softshrink: lambda must be >= 0, got -0.5",
        "hardshrink(-1)|activation hardshrink: lambda must be >= 0, got -1",
        "rrelu(lower=0.5, upper=0.1)|activation rrelu: lower must be <= upper, got lower=0.5, upper=0.1",
        "hard_tanh(1, -1)|activation hard_tanh: min must be < max, got min=1, max=-1",
        "celu(0)|activation celu: alpha must be > 0, got 0",
        "squareplus(b=-4)|activation squareplus: b must be > 0, got -4",
        "isru(alpha=0)|activation isru: alpha must be > 0, got 0",
        "thresholded_relu(-1)|activation thresholded_relu: theta must be >= 0, got -1",
        "leaky_relu(NaN)|activation leaky_relu: slope must be finite, got NaN",
        "elu(1e39)|activation elu: alpha must be finite, got Infinity",
        "leaky_relu(alpha=0.1)|activation leaky_relu: has no parameter 'alpha'; its parameters: slope",
        "relu(0.1)|activation relu: takes no parameters, got 1",
        "elu(1, 2)|activation elu: takes at most 1 parameter (alpha), got 2",
        "softplus(1, 2, 3)|activation softplus: takes at most 2 parameters (beta, threshold), got 3",
        "leaky_relu(abc)|activation leaky_relu: slope: cannot parse 'abc' as a number",
        "leaky_relu(1d)|activation leaky_relu: slope: cannot parse '1d' as a number",
        "threshold(0.5)|activation threshold: needs value (it has no default), for example threshold(value=...)",
        "threshold|activation threshold: needs threshold (it has no default), for example threshold(threshold=...)",
        "elu(alpha=1, alpha=2)|activation elu: takes at most 1 parameter (alpha), got 2",
        "softplus(beta=1, beta=2)|activation softplus: beta given twice",
        "softplus(beta=1, 2)|activation softplus: positional value '2' after a key=value parameter",
        "elu(1|malformed activation spec 'elu(1': expected ')' at the end",
        "elu(,)|malformed activation spec 'elu(,)': empty parameter at position 1",
        "softplus(1,)|malformed activation spec 'softplus(1,)': empty parameter at position 2",
    })
    void badSpecsGiveOneLineMessagesNamingTheProblem(String spec, String expected) {
        String m = message(spec);
        assertEquals(expected, m);
        assertFalse(m.contains("\n"));
    }

    @Test
    void emptySpec() {
        assertTrue(message("  ").startsWith("empty activation spec"));
        assertThrows(IllegalArgumentException.class, () -> Activations.parse(null));
    }

    @Test
    void constructorsValidateDirectlyToo() {
        assertEquals("activation softplus: beta must be > 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new Softplus(-1f, 20f)).getMessage());
        assertEquals("prelu has 1 learnable parameter (slope), got 2",
                assertThrows(IllegalArgumentException.class, () -> new PRelu().withParameters(new float[2])).getMessage());
        assertEquals("relu has no learnable parameters, got 1",
                assertThrows(IllegalArgumentException.class, () -> Standard.RELU.withParameters(new float[1])).getMessage());
    }

    @Test
    void rreluIsStochasticAndDrawsWithinItsBounds() {
        RRelu r = new RRelu(0.1f, 0.3f);
        assertTrue(r.isStochastic());
        assertFalse(Standard.RELU.isStochastic());
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            float s = r.drawSlope(rng);
            assertTrue(s >= 0.1f && s <= 0.3f, "slope " + s);
        }
    }
}
