package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;

/**
 * The learning rates a shipped CIFAR-100-LT recipe actually trains with, epoch by epoch, against the
 * formulas of shared/spec/h2t.md: stage 1 warms up 0.02, 0.04, ..., 0.1 (1-indexed epochs 1..5), runs at
 * 0.1, then x0.1 after epoch 160 and x0.01 after 180; stage 2 is lr_e = 0.5 * 0.02 * (1 + cos(pi e / 10)).
 */
class ShippedSchedulesTest {

    private static final int ITERATIONS = 98; // ceil(10847 / 128), CIFAR-100-LT at IR 100

    @Test
    void stageOneOfTheIr100Recipe() {
        RunConfig c = ConfigLoader.load(Path.of("configs/cifar100-lt/ir100-dr-h2t.yaml"), List.of());
        LrSchedule s = LrSchedules.of(c.stages.get("stage1"));
        for (int epoch = 0; epoch < 200; epoch++) {
            int e1 = epoch + 1;
            double expected = e1 <= 5 ? 0.02 * e1 : e1 <= 160 ? 0.1 : e1 <= 180 ? 0.01 : 0.001;
            assertEquals(expected, s.lr(epoch, 0, ITERATIONS), 1e-12, "epoch index " + epoch);
            assertEquals(expected, s.lr(epoch, ITERATIONS - 1, ITERATIONS), 1e-12, "last iteration, " + epoch);
        }
    }

    @Test
    void stageTwoOfEveryDrRecipe() {
        for (String file : List.of("ir200-dr.yaml", "ir100-dr-h2t.yaml", "ir50-dr-h2t.yaml")) {
            RunConfig c = ConfigLoader.load(Path.of("configs/cifar100-lt").resolve(file), List.of());
            LrSchedule s = LrSchedules.of(c.stages.get("stage2"));
            for (int e = 0; e < 10; e++) {
                double expected = 0.5 * 0.02 * (1 + Math.cos(Math.PI * e / 10));
                assertEquals(expected, s.lr(e, 0, ITERATIONS), 1e-12, file + " epoch " + e);
                assertEquals(expected, s.lr(e, ITERATIONS - 1, ITERATIONS), 1e-12, file + " epoch " + e);
            }
        }
    }
}
