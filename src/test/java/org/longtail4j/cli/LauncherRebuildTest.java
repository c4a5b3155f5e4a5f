package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./longtail} launcher rebuilds when a source, the pom or a config the jar carries changed,
 * and not when a config is merely added under configs/ (it is read from disk with --config): before,
 * adding one triggered a 30-second rebuild on the next command. Runs the real script in a copy of the
 * project whose mvnw and java are stand-ins that only record they were called.
 */
class LauncherRebuildTest {

    @TempDir
    Path project;

    private static final Instant JAR_TIME = Instant.parse("2026-01-01T12:00:00Z");

    @BeforeEach
    void projectWithABuiltJar() throws IOException {
        Files.copy(Path.of("longtail"), project.resolve("longtail"));
        Files.createDirectories(project.resolve("scripts"));
        Files.copy(Path.of("scripts/engine-env.sh"), project.resolve("scripts/engine-env.sh"));
        script(project.resolve("mvnw"), "echo built >> \"$(dirname \"$0\")/built.log\"");
        script(project.resolve("bin").resolve("java"), "exit 0");
        Files.createDirectories(project.resolve("src/main"));
        older(Files.writeString(project.resolve("src/main/A.java"), "class A {}"));
        older(project.resolve("src/main")); // a folder's time changes when a file is added to it
        older(Files.writeString(project.resolve("pom.xml"), "<project/>"));
        Files.createDirectories(project.resolve("configs/fashion-mnist-lt"));
        older(Files.writeString(project.resolve("configs/fashion-mnist-lt/demo.yaml"), "name: demo\n"));
        Path jar = project.resolve("target/longtail4j.jar");
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("configs/fashion-mnist-lt/demo.yaml"));
            zip.write("name: demo\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(JAR_TIME));
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void older(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(JAR_TIME.minusSeconds(3600)));
    }

    private static void newer(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(JAR_TIME.plusSeconds(3600)));
    }

    /** Runs {@code ./longtail methods}; returns how many builds it started. */
    private int buildsOfOneCommand() throws IOException, InterruptedException {
        ProcessBuilder launcher = new ProcessBuilder("bash", project.resolve("longtail").toString(), "methods")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        launcher.environment().put("PATH", project.resolve("bin") + ":" + System.getenv("PATH"));
        Process p = launcher.start();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue());
        Path log = project.resolve("built.log");
        int builds = Files.exists(log) ? Files.readAllLines(log).size() : 0;
        Files.deleteIfExists(log);
        return builds;
    }

    @Test
    void nothingChangedNoBuild() throws Exception {
        assertEquals(0, buildsOfOneCommand());
    }

    @Test
    void aNewConfigNeedsNoBuild() throws Exception {
        newer(Files.writeString(project.resolve("configs/mine.yaml"), "name: mine\n"));
        assertEquals(0, buildsOfOneCommand());
    }

    @Test
    void aChangedConfigThatTheJarCarriesRebuilds() throws Exception {
        newer(Files.writeString(project.resolve("configs/fashion-mnist-lt/demo.yaml"), "name: demo2\n"));
        assertEquals(1, buildsOfOneCommand());
    }

    @Test
    void aChangedSourceRebuilds() throws Exception {
        newer(project.resolve("src/main/A.java"));
        assertEquals(1, buildsOfOneCommand());
    }

    @Test
    void noJarBuilds() throws Exception {
        Files.delete(project.resolve("target/longtail4j.jar"));
        assertEquals(1, buildsOfOneCommand());
    }
}
