package org.actlab.lab.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.Function;
import org.actlab.activation.Activation;
import org.actlab.activation.Activations;
import org.actlab.nn.Initializer;
import org.actlab.nn.Initializers;
import org.actlab.nn.OptimizerSpec;
import org.actlab.nn.Schedule;
import org.actlab.spec.Specified;

/**
 * actlab's one JSON configuration, used by the CLI, the report and the web server alike.
 * <ul>
 * <li>Non-finite numbers (the accuracy of a regression, a missing test loss, a diverged figure) are
 *     written as {@code null}, in scalars and in arrays: JSON has no NaN, and {@code null} is what
 *     every parser, JavaScript's included, reads without special cases. Readers take null as "no value".</li>
 * <li>A {@link Specified} value (an activation, initialiser, optimiser or schedule) is written as its
 *     canonical spec string, and read back from any spec string its registry parses.</li>
 * <li>Reading is strict: duplicate keys and trailing content after the document are errors.</li>
 * </ul>
 */
public final class RunJson {

    private static final ObjectMapper MAPPER = create();

    private RunJson() {
    }

    /** The shared, configured mapper (thread-safe once configured; {@code copy()} it to change settings). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty-printed JSON of a value. */
    public static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static ObjectMapper create() {
        SimpleModule conventions = new SimpleModule("actlab-json");
        conventions.addSerializer(Double.class, serializer((value, gen) -> finite(gen, value)));
        conventions.addSerializer(double.class, serializer((value, gen) -> finite(gen, value)));
        conventions.addSerializer(Float.class, serializer((value, gen) -> finite(gen, value)));
        conventions.addSerializer(float.class, serializer((value, gen) -> finite(gen, value)));
        conventions.addSerializer(double[].class, serializer((values, gen) -> {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                finite(gen, v);
            }
            gen.writeEndArray();
        }));
        conventions.addSerializer(float[].class, serializer((values, gen) -> {
            gen.writeStartArray(values, values.length);
            for (float v : values) {
                finite(gen, v);
            }
            gen.writeEndArray();
        }));
        conventions.addSerializer(Specified.class, new SpecOnly());
        conventions.addDeserializer(Activation.class, new FromSpec<>(Activation.class, Activations::parse));
        conventions.addDeserializer(Initializer.class, new FromSpec<>(Initializer.class, Initializers::parse));
        conventions.addDeserializer(OptimizerSpec.class, new FromSpec<>(OptimizerSpec.class, OptimizerSpec::parse));
        conventions.addDeserializer(Schedule.class, new FromSpec<>(Schedule.class, Schedule::parse));
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(conventions)
                .build();
    }

    /** A float is written as a float, so that its shortest decimal is written, not the double's. */
    private static void finite(JsonGenerator gen, float value) throws IOException {
        if (Float.isFinite(value)) {
            gen.writeNumber(value);
        } else {
            gen.writeNull();
        }
    }

    private static void finite(JsonGenerator gen, double value) throws IOException {
        if (Double.isFinite(value)) {
            gen.writeNumber(value);
        } else {
            gen.writeNull();
        }
    }

    /** How one type is written. */
    @FunctionalInterface
    private interface Writer<T> {
        void write(T value, JsonGenerator gen) throws IOException;
    }

    private static <T> JsonSerializer<T> serializer(Writer<T> writer) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                writer.write(value, gen);
            }
        };
    }

    /** Writes a {@link Specified} value as its canonical spec; also usable in {@code @JsonSerialize}. */
    public static final class SpecOnly extends JsonSerializer<Specified> {
        @Override
        public void serialize(Specified value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.spec());
        }
    }

    /** Reads a {@link Specified} value from its spec string; a bad spec is a mapping error whose cause names it. */
    private static final class FromSpec<T> extends StdScalarDeserializer<T> {
        private final Function<String, T> parse;

        FromSpec(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String spec = _parseString(p, ctxt, this);
            try {
                return spec == null ? null : parse.apply(spec);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
