package org.longtail4j.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.longtail4j.BadInputException;
import org.longtail4j.config.RunConfig;

/** Engine settings a run depends on: intra-op threads, the seed of the engine's generator, the device. */
public final class EngineSetup {

    private EngineSetup() {}

    /** Applies {@code runtime.threads} (0 = one per core) to libtorch's intra-op pool. */
    public static void threads(RunConfig.RuntimeConfig runtime) {
        int threads = runtime.threads > 0 ? runtime.threads : Runtime.getRuntime().availableProcessors();
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
    }

    /** Seeds the engine's generator (model initialisation draws from it). */
    public static void seed(long seed) {
        Engine.getInstance().setRandomSeed(org.longtail4j.util.Seeds.engineSeed(seed));
    }

    public static Device device(RunConfig.RuntimeConfig runtime) {
        Device device = Device.fromName(runtime.device);
        if (device.isGpu() && Engine.getInstance().getGpuCount() <= device.getDeviceId()) {
            throw new BadInputException("config key 'runtime.device' is " + runtime.device + ", but this machine has "
                    + Engine.getInstance().getGpuCount() + " GPU(s) usable by PyTorch; use cpu");
        }
        return device;
    }
}
