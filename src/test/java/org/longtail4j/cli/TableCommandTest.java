package org.longtail4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.reports.Json;
import org.longtail4j.testing.CliRun;

/**
 * {@code longtail table --smoke} end to end on a Fashion-MNIST stand-in written here (see
 * {@link TinyFashionMnist}): a three-row table where two rows share their first stage, over two seeds.
 * The plan, the run folders (the shared stage 1 trained once per seed), the outputs in the paper's row
 * order with the figures computed from the run folders, continuing a second time without training,
 * and one-line errors for bad table files.
 */
class TableCommandTest {

    @TempDir
    static Path dir;
    private static Path data;
    /** 100 training images per class: enough for the shipped rows' IR 100. */
    private static Path data100;

    /** A tiny recipe every row starts from: ResNet-20, one epoch of CE. */
    private static final String BASE = """
            name: tiny-base
            data:
              dataset: fashion-mnist
              imbalance_ratio: 10
              max_per_class: 20
            model:
              arch: resnet20
            stages:
              stage1:
                method: ce
                epochs: 1
                batch_size: 16
                schedule:
                  type: constant
            eval:
              batch_size: 50
            runtime:
              prefetch: 0
            """;

    @BeforeAll
    static void writeData() throws IOException {
        data = TinyFashionMnist.write(dir.resolve("data"), 20, 5);
        data100 = TinyFashionMnist.write(dir.resolve("data100"), 100, 5);
        Path rows = Files.createDirectories(dir.resolve("rows"));
        Files.writeString(rows.resolve("base.yaml"), BASE);
        // plain CE, one stage
        Files.writeString(rows.resolve("ce.yaml"), "base: base.yaml\nname: tiny-ce\n");
        // the same stage 1 (another name), then DR + H2T: shares its first stage with ce.yaml
        Files.writeString(rows.resolve("dr-h2t.yaml"), """
                base: base.yaml
                name: tiny-dr-h2t
                stages:
                  stage2:
                    method: dr
                    epochs: 1
                    batch_size: 16
                    schedule: {type: constant}
                    transform: {type: h2t, p: 0.25}
                """);
        // another first stage (focal loss), one stage
        Files.writeString(rows.resolve("focal.yaml"), """
                base: base.yaml
                name: tiny-focal
                stages:
                  stage1:
                    method: focal
                """);
    }

    private static Path tableFile(String name, String text) throws IOException {
        Path file = dir.resolve("rows").resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String TABLE = """
            name: tiny-table
            dataset: Tiny-LT, IR 10
            published: {table: cifar100-lt, column: IR 100}
            rows:
              CE: ce.yaml
              DR + H2T: dr-h2t.yaml
              Focal: focal.yaml
            """;

    private static CliRun table(Path file, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("table", "--config", file.toString(), "--smoke", "--data",
                data.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void sharesTheFirstStageWritesTheTableAndContinuesWithoutTraining() throws IOException {
        Path file = tableFile("table-tiny.yaml", TABLE);
        Path out = dir.resolve("out");
        CliRun run = table(file, out, "--seeds", "0,1");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("3 rows, 2 distinct first stages, 2 seeds: 4 stage-1 runs + 2 later-stage runs"),
                run.out());
        assertTrue(run.out().contains("stage1-ce: CE, DR + H2T\n  stage1-focal: Focal\n"), run.out());

        // One stage-1 run per seed for CE and DR + H2T; DR + H2T's own folder holds its stage 2 only,
        // started from that run's checkpoint.
        for (long seed : List.of(0L, 1L)) {
            Path seedDir = out.resolve("seed-" + seed);
            assertEquals(List.of("dr-h2t", "stage1-ce", "stage1-focal"), children(seedDir), "seed " + seed);
            Path shared = seedDir.resolve("stage1-ce");
            assertEquals(List.of("stage1"), stagesOf(shared));
            assertEquals(List.of("stage2"), stagesOf(seedDir.resolve("dr-h2t")));
            assertEquals(shared.resolve("stage1").resolve("checkpoints").resolve("last").toAbsolutePath().toString(),
                    Files.readString(seedDir.resolve("dr-h2t").resolve("start_checkpoint.txt")).trim());
            String config = Files.readString(shared.resolve("config.yaml"));
            assertTrue(config.contains("name: stage1-ce\n") && config.contains("seed: " + seed + "\n")
                    && config.contains("smoke: true"), config);
            assertTrue(Files.readString(seedDir.resolve("stage1-focal").resolve("config.yaml")).contains("type: focal"));
        }
        // Trained: per seed the shared first stage once, focal's first stage, and DR + H2T's stage 2.
        assertEquals(2, count(run.out(), "stage1-ce (first stage of CE, DR + H2T), seed "), run.out());
        assertEquals(6, count(run.out(), ": training into " + out.resolve("seed-")), run.out());
        assertTrue(run.out().contains("(trained 6 runs, continued 0, read back 0 finished ones)"), run.out());

        // Seed by seed: the table of seed 0 is printed before seed 1 starts.
        int firstTable = run.out().indexOf("one seed [0], no spread");
        int seedOne = run.out().indexOf("seed 1: training into");
        assertTrue(firstTable > 0 && firstTable < seedOne, run.out());

        // The outputs, rows in the paper's order (CE, DR + H2T are its rows; Focal is not, so it comes last).
        for (String name : List.of("table.txt", "table.md", "table.csv", "table.json", "table.html")) {
            String text = Files.readString(out.resolve(name));
            int ce = text.indexOf("CE");
            int drH2t = text.indexOf("DR + H2T");
            int focal = text.indexOf("Focal");
            assertTrue(ce >= 0 && ce < drH2t && drH2t < focal, name + ":\n" + text);
            assertTrue(text.contains("Tiny-LT, IR 10") && text.contains("CIFAR-100-LT"), name + " marks both datasets");
        }
        String txt = Files.readString(out.resolve("table.txt"));
        assertTrue(run.out().contains(txt), "the printed table is table.txt");
        assertTrue(txt.startsWith("SMOKE RUN"), txt);
        assertTrue(txt.contains("mean ± sample std over 2 seeds [0, 1]"), txt);

        // The figures: mean and sample std over the seeds of each row's run folder's results.json.
        Map<String, Object> json = Json.readMap(out.resolve("table.json"));
        List<Map<String, Object>> rows = maps(json.get("rows"));
        assertEquals(List.of("CE", "DR + H2T", "Focal"), rows.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of(0, 1), json.get("seeds"));
        Map<String, String> runOf = Map.of("CE", "stage1-ce", "DR + H2T", "dr-h2t", "Focal", "stage1-focal");
        for (Map<String, Object> row : rows) {
            // no class has over 100 images here, so no many-shot group: no figure, not a zero
            assertNull(map(row.get("many")).get("mean"), row.get("name") + " many");
            for (String[] metric : new String[][] {{"all", "top1"}, {"medium", "medium"}, {"few", "few"}}) {
                double a = figure(out.resolve("seed-0").resolve(runOf.get(row.get("name"))), metric[1]);
                double b = figure(out.resolve("seed-1").resolve(runOf.get(row.get("name"))), metric[1]);
                Map<String, Object> f = map(row.get(metric[0]));
                assertEquals((a + b) / 2, ((Number) f.get("mean")).doubleValue(), 1e-9, row.get("name") + " " + metric[0]);
                assertEquals(Math.abs(a - b) / Math.sqrt(2), ((Number) f.get("std")).doubleValue(), 1e-9,
                        row.get("name") + " " + metric[0] + " sample std");
                assertEquals(2, f.get("n"));
            }
        }
        assertEquals(47.73, rows.get(1).get("paper"), "DR + H2T's published CIFAR-100-LT IR 100 figure beside ours");
        assertNull(rows.get(2).get("paper"), "the paper has no focal row");
        assertEquals(List.of("CE", "DR + H2T"), map(json.get("first_stages")).get("stage1-ce"));
        String md = Files.readString(out.resolve("table.md"));
        assertTrue(md.contains("| DR + H2T | Tiny-LT, IR 10 |") && md.contains("| CIFAR-100-LT, IR 100 |"), md);

        // Again: every run is read back, nothing trains, no file of a run changes.
        Map<Path, FileTime> before = runFileTimes(out);
        CliRun again = table(file, out, "--seeds", "0,1");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("trained 0 runs, continued 0, read back 6 finished ones"), again.out());
        assertFalse(again.out().contains("training into"), again.out());
        assertEquals(before, runFileTimes(out));
        assertEquals(txt, Files.readString(out.resolve("table.txt")));

        // An interrupted run (killed before its results) resumes; the others are read back.
        Files.delete(out.resolve("seed-1").resolve("dr-h2t").resolve("results.json"));
        CliRun resumed = table(file, out, "--seeds", "0,1");
        assertEquals(0, resumed.exit(), resumed.toString());
        assertTrue(resumed.out().contains("DR + H2T, seed 1: continuing the run in "), resumed.out());
        assertTrue(resumed.out().contains("trained 0 runs, continued 1, read back 5 finished ones"), resumed.out());

        // A first stage written again after a row started from it: that row's folder is refused.
        Path last = out.resolve("seed-0").resolve("stage1-ce").resolve("stage1").resolve("checkpoints").resolve("last");
        Map<Path, FileTime> lastTimes = new TreeMap<>();
        try (Stream<Path> files = Files.list(last)) {
            for (Path f : files.toList()) {
                lastTimes.put(f, Files.getLastModifiedTime(f));
                Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
            }
        }
        CliRun retrained = table(file, out, "--seeds", "0,1");
        assertEquals(2, retrained.exit(), retrained.toString());
        assertTrue(retrained.err().contains(out.resolve("seed-0").resolve("dr-h2t") + " started from ")
                && retrained.err().contains("written again since"), retrained.err());
        for (Map.Entry<Path, FileTime> f : lastTimes.entrySet()) {
            Files.setLastModifiedTime(f.getKey(), f.getValue());
        }

        // A folder holding another run is one error naming it, before anything trains; so is a smoke
        // folder asked for as a full run.
        CliRun other = table(file, out, "--seeds", "0,1,2", "--set", "data.imbalance_ratio=5");
        assertEquals(2, other.exit(), other.toString());
        assertEquals(1, other.errLines().size(), other.toString());
        assertTrue(other.err().contains(out.resolve("seed-0").resolve("stage1-ce").toString())
                && other.err().contains("another config"), other.err());
        assertFalse(Files.exists(out.resolve("seed-2")), "nothing ran");
        CliRun full = CliRun.of("table", "--config", file.toString(), "--data", data.toString(), "--out",
                out.toString(), "--seeds", "0");
        assertEquals(2, full.exit(), full.toString());
        assertTrue(full.err().contains("holds a smoke run"), full.err());
    }

    @Test
    void badTableFilesAreOneLineErrorsBeforeAnythingRuns() throws IOException {
        Map<String, String[]> cases = new TreeMap<>();
        cases.put("unknown-key.yaml", new String[] {TABLE + "seeds: [0, 1]\n", "unknown key 'seeds'"});
        cases.put("missing-row.yaml", new String[] {TABLE + "  LWS: lws.yaml\n", "row 'LWS': row config "});
        cases.put("bad-column.yaml", new String[] {TABLE.replace("IR 100", "IR 7"),
            "key 'published.column' is 'IR 7'"});
        cases.put("bad-published.yaml", new String[] {TABLE.replace("cifar100-lt", "mnist-lt"),
            "key 'published.table' is 'mnist-lt', expected one of [cifar100-lt"});
        cases.put("no-rows.yaml", new String[] {TABLE.substring(0, TABLE.indexOf("rows:")),
            "key 'rows' is missing"});
        cases.put("same-folder.yaml", new String[] {TABLE + "  Other: ../rows/ce.yaml\n",
            "row 'Other': its config has the same file name as row 'CE'"});
        cases.put("bad-row-config.yaml", new String[] {TABLE.replace("focal.yaml", "broken.yaml"),
            "unknown config key 'stages.stage1.epoks'"});
        Files.writeString(dir.resolve("rows").resolve("broken.yaml"),
                "base: base.yaml\nname: broken\nstages:\n  stage1:\n    epoks: 2\n");
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path file = tableFile(c.getKey(), c.getValue()[0]);
            Path out = dir.resolve("bad-" + c.getKey());
            CliRun run = table(file, out, "--seeds", "0");
            assertEquals(2, run.exit(), c.getKey() + ": " + run);
            assertEquals(1, run.errLines().size(), c.getKey() + ": " + run);
            assertTrue(run.err().contains(c.getValue()[1]), c.getKey() + ": " + run.err());
            assertTrue(run.err().contains(file.toString()), c.getKey() + " names the table file: " + run.err());
            assertFalse(Files.exists(out), c.getKey() + ": nothing written");
        }
        CliRun missing = table(dir.resolve("rows").resolve("nowhere.yaml"), dir.resolve("bad-nowhere"));
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("nowhere.yaml does not exist"), missing.err());
        CliRun stageTwo = table(tableFile("table-ok.yaml", TABLE), dir.resolve("bad-stage2"), "--seeds", "0", "--set",
                "stages.stage2.epochs=2");
        assertEquals(2, stageTwo.exit(), stageTwo.toString());
        assertTrue(stageTwo.err().contains("row 'CE': --set stages.stage2.epochs=2: this row has no stage 'stage2'"),
                stageTwo.err());
        assertFalse(Files.exists(dir.resolve("bad-stage2")));
        CliRun twice = table(tableFile("table-ok.yaml", TABLE), dir.resolve("bad-twice"), "--seeds", "0,0");
        assertEquals(2, twice.exit(), twice.toString());
        assertTrue(twice.err().contains("a seed is given twice"), twice.err());
    }

    /** The shipped table, one seed, every row smoke-run on the stand-in data. */
    @Test
    void theShippedTableSmokeRuns() throws IOException {
        Path out = dir.resolve("shipped");
        CliRun run = CliRun.of("table", "--config", "configs/fashion-mnist-lt/table-single.yaml", "--smoke", "--seeds",
                "0", "--data", data100.toString(), "--out", out.toString(), "--set", "eval.batch_size=50",
                "--set", "runtime.prefetch=0");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("19 rows, 10 distinct first stages, 1 seed: 10 stage-1 runs + 10 later-stage runs"),
                run.out());
        List<Map<String, Object>> rows = maps(Json.readMap(out.resolve("table.json")).get("rows"));
        assertEquals(List.of("CE", "LDAM-DRW", "DR + MU", "MisLAS", "GCL", "CE + CMO", "BSCE + CMO", "DR + H2T",
                "MisLAS + H2T", "GCL + H2T", "CE + mixup", "CB-CE", "Focal", "BSCE", "LA", "LA post-hoc", "cRT", "LWS",
                "tau-norm"), rows.stream().map(r -> r.get("name")).toList());
        assertEquals(20, children(out.resolve("seed-0")).size(), "10 first stages + 10 later-stage runs");
    }

    private static double figure(Path run, String metric) throws IOException {
        return ((Number) Json.readMap(run.resolve("results.json")).get(metric)).doubleValue();
    }

    private static List<String> children(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The stage folders of a run (those with a metrics.jsonl). */
    private static List<String> stagesOf(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("metrics.jsonl"))).map(p -> p.getFileName().toString())
                    .sorted().toList();
        }
    }

    /** Modification times of every file under the seed folders. */
    private static Map<Path, FileTime> runFileTimes(Path out) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().contains("seed-")).toList()) {
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
