package org.longtail4j.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
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

    /** The device the model lives on: {@code runtime.device}'s first. */
    public static Device device(RunConfig.RuntimeConfig runtime) {
        return devices(runtime).get(0);
    }

    /**
     * The devices of {@code runtime.device}: {@code cpu}, {@code gpu} (= gpu:0), {@code gpu:N}, a list
     * {@code gpu:0,1,...} or {@code gpus} (every GPU PyTorch sees). Several devices split each batch
     * ({@link TrainingStep#withDevices}). A GPU the machine lacks stops the run naming the key.
     */
    public static List<Device> devices(RunConfig.RuntimeConfig runtime) {
        String setting = runtime.device;
        int gpus = setting.equals("cpu") ? 0 : Engine.getInstance().getGpuCount();
        List<Device> out = new ArrayList<>();
        if (setting.equals("cpu")) {
            out.add(Device.cpu());
        } else if (setting.equals("gpus")) {
            for (int i = 0; i < gpus; i++) {
                out.add(Device.gpu(i));
            }
        } else {
            String ids = setting.equals("gpu") ? "0" : setting.substring("gpu:".length());
            for (String id : ids.split(",")) {
                int index = Integer.parseInt(id);
                Device device = Device.gpu(index);
                if (out.contains(device)) {
                    throw new BadInputException("config key 'runtime.device' is " + setting + ": gpu:" + index
                            + " is named twice");
                }
                out.add(device);
            }
        }
        for (Device d : out) {
            if (d.isGpu() && gpus <= d.getDeviceId()) {
                throw new BadInputException("config key 'runtime.device' is " + setting + ", but this machine has "
                        + gpus + " GPU(s) usable by PyTorch; use cpu");
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException("config key 'runtime.device' is gpus, but this machine has no GPU usable by "
                    + "PyTorch; use cpu");
        }
        return out;
    }
}
