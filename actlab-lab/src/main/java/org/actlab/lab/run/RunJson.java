package org.actlab.lab.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The JSON conventions of run results: non-finite numbers (accuracy of a regression, a missing test
 * loss) are written as {@code null}, so that every consumer, JavaScript included, can parse them.
 */
public final class RunJson {

    private static final ObjectMapper MAPPER = create();

    private RunJson() {
    }

    /** The shared, configured mapper (thread-safe once configured). */
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
        SimpleModule finiteOrNull = new SimpleModule("finite-or-null");
        finiteOrNull.addSerializer(Double.class, new FiniteDouble());
        finiteOrNull.addSerializer(double.class, new FiniteDouble());
        finiteOrNull.addSerializer(Float.class, new FiniteFloat());
        finiteOrNull.addSerializer(float.class, new FiniteFloat());
        return new ObjectMapper().registerModule(finiteOrNull).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
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
}
