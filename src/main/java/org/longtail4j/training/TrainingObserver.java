package org.longtail4j.training;

/** Hears what the trainer does, so that progress bars and logs stay out of the training loop. */
public interface TrainingObserver {

    default void stageStarted(String stage, String description, int firstEpoch, int epochs, int iterationsPerEpoch) {}

    default void iterationDone(int epoch, int iteration, double loss, double lr) {}

    default void epochDone(EpochRecord record) {}

    default void stageDone(String stage) {}

    TrainingObserver SILENT = new TrainingObserver() {};
}
