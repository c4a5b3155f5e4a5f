package org.longtail4j.evaluation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes NaN (an accuracy with nothing to measure: a class without test images, an empty group) as JSON
 * null. Jackson's default would write the bare token NaN, which is not JSON and which Python's strict
 * parsers and most plotting tools reject. {@link #orNull} is the same rule for the records and tables
 * that carry such a figure as a nullable number.
 */
public final class NanAsNull extends StdSerializer<Double> {

    private static final long serialVersionUID = 1L;

    NanAsNull() {
        super(Double.class);
    }

    /** Null for NaN (nothing measured) or null, else the value. */
    public static Double orNull(Double value) {
        return value == null || value.isNaN() ? null : value;
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        Double measured = orNull(value);
        if (measured == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(measured);
        }
    }
}
