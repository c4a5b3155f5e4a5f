package org.longtail4j.evaluation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes NaN (an accuracy with nothing to measure: a class without test images, an empty group) as JSON
 * null. Jackson's default would write the bare token NaN, which is not JSON and which Python's strict
 * parsers and most plotting tools reject.
 */
final class NanAsNull extends StdSerializer<Double> {

    private static final long serialVersionUID = 1L;

    NanAsNull() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value == null || value.isNaN()) {
            gen.writeNull();
        } else {
            gen.writeNumber(value);
        }
    }
}
