package org.longtail4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessCountersTest {

    @Test
    void readsFaultsAndTimesAfterAProcessNameWithSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 98765 0 12 0 1500 250 0 0 20 0 30 0";
        assertArrayEquals(new long[] {98765, 1500, 250}, ProcessCounters.parseStat(stat));
    }

    @Test
    void machineBusyCountsAllButIdleAndIowait() {
        String stat = "cpu  100 5 30 1000 7 2 3 4 0 0\ncpu0 50 2 15 500 3 1 1 2 0 0\n";
        assertEquals(100 + 5 + 30 + 2 + 3 + 4, ProcessCounters.parseMachineBusy(stat));
    }

    @Test
    void differencesAndSums() {
        ProcessCounters a = new ProcessCounters(1.0, 0.5, 100, 2, 0.01, 2.0);
        ProcessCounters b = new ProcessCounters(3.0, 0.75, 160, 5, 0.04, 5.0);
        ProcessCounters d = b.since(a);
        assertEquals(2.0, d.userSeconds(), 1e-12);
        assertEquals(0.25, d.systemSeconds(), 1e-12);
        assertEquals(60, d.minorFaults());
        assertEquals(3, d.gcCount());
        assertEquals(0.03, d.gcSeconds(), 1e-12);
        assertEquals(3.0, d.machineBusySeconds(), 1e-12);
        assertEquals(b, ProcessCounters.zero().plus(a).plus(d));
    }

    @Test
    void thisProcessHasUsedCpuOnLinux() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertTrue(ProcessCounters.now().userSeconds() > 0);
        }
    }
}
