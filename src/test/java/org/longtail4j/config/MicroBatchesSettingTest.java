package org.longtail4j.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;

/** runtime.micro_batches: a whole number of at least 1, refused otherwise with a line naming the key. */
class MicroBatchesSettingTest {

    @Test
    void atLeastOneSlice() {
        RunConfig ok = new RunConfig();
        ok.runtime.microBatches = 4;
        assertDoesNotThrow(() -> ConfigValidator.validate(ok));
        RunConfig none = new RunConfig();
        none.runtime.microBatches = 0;
        String message = assertThrows(BadInputException.class, () -> ConfigValidator.validate(none)).getMessage();
        assertTrue(message.contains("runtime.micro_batches") && message.contains("0"), message);
    }
}
