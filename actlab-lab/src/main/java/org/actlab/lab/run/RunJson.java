package org.actlab.lab.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.actlab.spec.Specified;

/**
 * actlab's one JSON configuration, used by the CLI, the report and the web server alike.
 * <ul>
 * <li>Non-finite numbers (the accuracy of a regression, a missing test loss, a diverged figure) are
 *     written as {@code null}, in scalars and in arrays: JSON has no NaN, and {@code null} is what
 *     every parser, JavaScript's included, reads without special cases. Readers take null as "no value".</li>
 * <li>A {@link Specified} value (an activation, initialiser, optimiser or schedule) is written as its
 *     canonical spec string.</li>
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
        conventions.addSerializer(Double.class, new FiniteDouble());
        conventions.addSerializer(double.class, new FiniteDouble());
        conventions.addSerializer(Float.class, new FiniteFloat());
        conventions.addSerializer(float.class, new FiniteFloat());
        conventions.addSerializer(double[].class, new FiniteDoubles());
        conventions.addSerializer(float[].class, new FiniteFloats());
        conventions.addSerializer(Specified.class, new SpecOnly());
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(conventions)
                .build();
    }

    /** Writes a {@link Specified} value as its canonical spec; also usable in {@code @JsonSerialize}. */
    public static final class SpecOnly extends JsonSerializer<Specified> {
        @Override
        public void serialize(Specified value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.spec());
        }
    }

    private static final class FiniteDouble extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class FiniteFloat extends JsonSerializer<Float> {
        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (Float.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class FiniteDoubles extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray(values, values.length);
            for (double v : values) {
                if (Double.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }

    private static final class FiniteFloats extends JsonSerializer<float[]> {
        @Override
        public void serialize(float[] values, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeStartArray(values, values.length);
            for (float v : values) {
                if (Float.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }
}
