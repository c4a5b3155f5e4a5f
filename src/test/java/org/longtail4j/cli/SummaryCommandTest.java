package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code longtail summary} prints the parameter counts of methods-multibranch.md section 1 for the shipped
 * configs (C = 100 on CIFAR-100-LT, C = 10 on CIFAR-10-LT), without reading any data.
 */
class SummaryCommandTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "configs/cifar100-lt/ir100-ce.yaml, '470,004', 1",
        "configs/cifar100-lt/ir100-reslt.yaml, '470,388', 1",
        "configs/cifar100-lt/ir100-ride.yaml, '783,856', 3",
        "configs/cifar10-lt/ir100-reslt.yaml, '464,538', 1",
        "configs/cifar100-lt/ir100-bbn.yaml, '550,388', 2",
    })
    void printsTheSpecsParameterCounts(String config, String count, int maps) {
        TinyFashionMnist.Run run = TinyFashionMnist.execute("summary", "--config", config);
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("trainable parameters: " + count + "\n"), run.out());
        assertTrue(run.out().contains("backbone output: " + maps + " map(s)"), run.out());
        assertTrue(run.out().contains("backbone.stem "), "the blocks are listed:\n" + run.out());
    }
}
