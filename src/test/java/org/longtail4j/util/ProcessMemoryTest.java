package org.longtail4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsVmRssInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9999999 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";
        assertEquals(123456L * 1024, ProcessMemory.parseVmRss(status));
    }

    @Test
    void refusesStatusWithoutVmRss() {
        assertThrows(IllegalArgumentException.class, () -> ProcessMemory.parseVmRss("Name:\tjava\n"));
    }

    @Test
    void thisProcessHasSomeResidentMemoryOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(ProcessMemory.residentBytes() > 1024 * 1024);
        }
    }
}
