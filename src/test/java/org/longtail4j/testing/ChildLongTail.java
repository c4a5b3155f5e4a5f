package org.longtail4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a process of its own (this JVM's class path), so that a test can kill it with
 * SIGKILL as a crash, an OOM killer or a power cut would: no shutdown hook, no finally block runs.
 */
public final class ChildLongTail implements AutoCloseable {

    private final Process process;
    private final BufferedReader err;

    private ChildLongTail(Process process) {
        this.process = process;
        this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code longtail ARGS...}; its standard output is discarded, its standard error read here. */
    public static ChildLongTail start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.longtail4j.cli.LongTail"));
        command.addAll(List.of(args));
        return new ChildLongTail(new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }

    /** Reads standard error until a line starts with {@code prefix}; false if the process ended first. */
    public boolean awaitLineStartingWith(String prefix) throws IOException {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** SIGKILL, then waits for the process to be gone; returns its exit code (137 when the kill took it). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
