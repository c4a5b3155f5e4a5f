package org.longtail4j.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.longtail4j.doctor.Diagnosis;
import org.longtail4j.reports.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check what this machine gives a run: engine and version, libtorch flavor, the native"
                + " libraries loaded, devices, threads, OMP_WAIT_POLICY, oneMKL's kernels and the JPEG decoder; exit code 0"
                + " when training can run (docs/gpu.md).",
            "Example: longtail doctor --json"})
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the findings as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        Diagnosis diagnosis = Diagnosis.examine();
        if (json) {
            System.out.println(Json.pretty(diagnosis.facts()));
        } else {
            for (Map.Entry<String, String> line : diagnosis.lines().entrySet()) {
                System.out.println(line.getKey() + ": " + line.getValue());
            }
        }
        return diagnosis.usable() ? 0 : 1;
    }
}
