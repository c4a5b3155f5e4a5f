package org.longtail4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a child process on which file permissions bite, so that a test can make a folder
 * unreadable or read-only and see what a user would see.
 *
 * <p>Root reads and writes everything whatever the modes say (the capabilities CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH), and CI runs the tests as root. There the child is started through util-linux's
 * {@code setpriv} with those two capabilities dropped from its bounding set: it stays uid 0, so it still
 * reads the class path and the engine's files under /root (owned by root, mode 0700), but a folder of mode
 * 000 or 0555 stops it as it stops anyone. As another user the child needs no help. Where neither works
 * the test fails and says why: it is never skipped.
 */
public final class WithoutPrivilege {

    private static final String DROPPED = "-dac_override,-dac_read_search";
    private static final List<String> SETPRIV = List.of("/usr/bin/setpriv", "/bin/setpriv");

    private WithoutPrivilege() {}

    /** Runs {@code longtail ARGS...} in a child JVM without root's permission override; waits up to 2 minutes. */
    public static CliRun run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.longtail4j.cli.LongTail"));
        command.addAll(List.of(args));
        return execute(command);
    }

    /** The command that drops the override, after checking that the drop really works here. */
    private static List<String> prefix() throws IOException, InterruptedException {
        if (!runsAsRoot()) {
            return List.of();
        }
        String setpriv = SETPRIV.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        if (setpriv == null) {
            fail("the tests run as root, which ignores file permissions, and setpriv (util-linux) is missing:"
                    + " install util-linux (.ci/run does) so that unreadable and read-only folders can be tested");
        }
        List<String> prefix = List.of(setpriv, "--bounding-set=" + DROPPED, "--inh-caps=" + DROPPED);
        Path probe = Files.createTempDirectory("permission-probe");
        try {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
            List<String> list = new ArrayList<>(prefix);
            list.addAll(List.of("ls", probe.toString()));
            CliRun ls = execute(list);
            if (ls.exit() == 0) {
                fail("setpriv " + String.join(" ", prefix.subList(1, prefix.size())) + " did not take root's permission"
                        + " override away (it listed a folder of mode 000), so permissions cannot be tested here:\n" + ls);
            }
            if (ls.err().startsWith("setpriv")) {
                fail("setpriv cannot start a process here (dropping capabilities needs CAP_SETPCAP):\n" + ls);
            }
        } finally {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
            Files.delete(probe);
        }
        return prefix;
    }

    /** Whether this process's effective user is root (the owner of the process's own /proc entry). */
    private static boolean runsAsRoot() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }

    private static CliRun execute(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("still running after 2 minutes: " + command);
        }
        return new CliRun(process.exitValue(), out.join(), err.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
