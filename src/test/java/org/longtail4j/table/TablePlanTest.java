package org.longtail4j.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.longtail4j.reports.PaperTable;
import org.longtail4j.reports.PublishedResults;
import org.longtail4j.reports.RunComparison;

/** The shipped table files: their rows in the paper's order, and which rows share a first stage. */
class TablePlanTest {

    private static final Path SHIPPED = Path.of("configs/fashion-mnist-lt/table-single.yaml");
    private static final Path MULTI = Path.of("configs/fashion-mnist-lt/table-multi.yaml");

    @Test
    void theShippedTableHasEverySingleModelRowInThePapersOrder() {
        TableFile table = TableFile.read(SHIPPED);
        assertEquals(19, table.rows().size());
        PublishedResults.Table cifar = PublishedResults.load().table("cifar100-lt");
        assertEquals(cifar, table.published());
        assertEquals("IR 100", table.column());
        // The rows the paper prints come first, in its order; every single-model row it re-ran is there.
        List<String> ours = table.rowNames();
        List<String> paperSingle = cifar.rows().stream().filter(r -> r.family().equals("single") && !r.starred())
                .map(PublishedResults.Row::method).toList();
        for (String method : paperSingle) {
            assertTrue(ours.contains(method), method + " missing from " + ours);
        }
        List<String> inPaper = ours.stream().filter(n -> cifar.row(n) != null).toList();
        assertEquals(inPaper, ours.subList(0, inPaper.size()), "the paper's rows come first");
        assertEquals(inPaper, cifar.rows().stream().map(PublishedResults.Row::method).filter(inPaper::contains).toList(),
                "in the paper's order");
        // PaperTable therefore keeps the file's order.
        RunComparison.Stat s = new RunComparison.Stat(1, 0, 1);
        List<PaperTable.Row> rows = ours.stream().map(n -> new PaperTable.Row(n, table.dataset(), s, s, s, s)).toList();
        assertEquals(ours, table.paperTable(rows).cells().stream().map(c -> c.get(0)).toList());
        // One config per row of issue 9's list.
        List<String> files = table.rows().values().stream().map(TablePlan::rowFolder).sorted().toList();
        assertEquals(List.of("bsce", "bsce-cmo", "cb-ce", "ce", "ce-cmo", "ce-mixup", "crt", "dr", "dr-h2t", "focal", "gcl",
                "gcl-h2t", "la", "la-posthoc", "ldam-drw", "lws", "mislas", "mislas-h2t", "tau-norm"), files);
    }

    @Test
    void rowsWithTheSameFirstStageShareIt() {
        TablePlan plan = TablePlan.of(TableFile.read(SHIPPED), List.of(), false);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        plan.firstStages().values().forEach(f -> groups.put(f.key(), f.rows()));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        // post-hoc logit adjustment is CE plus a stage of 0 epochs: it shares CE's first stage
        expected.put("stage1-ce", List.of("CE", "LA post-hoc", "cRT", "LWS", "tau-norm"));
        expected.put("stage1-ldam-drw", List.of("LDAM-DRW"));
        expected.put("stage1-ce-mixup", List.of("DR + MU", "MisLAS", "DR + H2T", "MisLAS + H2T", "CE + mixup"));
        expected.put("stage1-gcl", List.of("GCL", "GCL + H2T"));
        expected.put("stage1-ce-cmo", List.of("CE + CMO"));
        expected.put("stage1-bsce-cmo", List.of("BSCE + CMO"));
        expected.put("stage1-cb-ce", List.of("CB-CE"));
        expected.put("stage1-focal", List.of("Focal"));
        expected.put("stage1-bsce", List.of("BSCE"));
        expected.put("stage1-la", List.of("LA"));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(groups.entrySet()), "groups in table order");
        assertEquals(10, plan.laterStageRuns());
        assertTrue(plan.describe(3).startsWith("19 rows, 10 distinct first stages, 3 seeds: 30 stage-1 runs + 30 "
                + "later-stage runs\n"), plan.describe(3));
        // The shared run is the first stage alone, named by its key; the rows' own configs are untouched.
        TablePlan.FirstStage ce = plan.firstStages().get("stage1-ce");
        assertEquals(List.of("stage1"), List.copyOf(ce.config().stages.keySet()));
        assertEquals("stage1-ce", ce.config().name);
        TablePlan.Row crt = plan.rows().stream().filter(r -> r.name().equals("cRT")).findFirst().orElseThrow();
        assertEquals("fmnist-crt", crt.config().name);
        assertNotNull(crt.config().stages.get("stage2"));
        assertEquals("crt", crt.folder());
    }

    @Test
    void overridesApplyToEveryRow() {
        // --set applies to every row; a stage-1 setting every row has keeps the groups as they were
        TablePlan plan = TablePlan.of(TableFile.read(SHIPPED), List.of("stages.stage1.epochs=2"), true);
        assertEquals(10, plan.firstStages().size());
        assertTrue(plan.rows().stream().allMatch(r -> r.config().runtime.smoke && r.config().stages.get("stage1").epochs == 2));
    }

    @Test
    void theMultiBranchTableHasEveryMultiExpertRowThePaperRanInItsOrder() {
        TableFile table = TableFile.read(MULTI);
        PublishedResults.Table cifar = PublishedResults.load().table("cifar100-lt");
        assertEquals(cifar, table.published());
        // ACE is starred (quoted from its own paper, no recipe here); every other multi-expert row is ours
        List<String> paperMulti = cifar.rows().stream().filter(r -> r.family().equals("multi-expert") && !r.starred())
                .map(PublishedResults.Row::method).toList();
        List<String> ours = table.rowNames();
        for (String method : paperMulti) {
            assertTrue(ours.contains(method), method + " missing from " + ours);
        }
        assertEquals(List.of("BBN", "RIDE", "RIDE + CMO", "ResLT", "RIDE + H2T", "ResLT + H2T", "RIDE + router"), ours);
        List<String> inPaper = ours.stream().filter(n -> cifar.row(n) != null).toList();
        assertEquals(inPaper, ours.subList(0, inPaper.size()), "the paper's rows come first");
        assertEquals(inPaper, cifar.rows().stream().map(PublishedResults.Row::method).filter(inPaper::contains).toList(),
                "in the paper's order");

        TablePlan plan = TablePlan.of(table, List.of(), false);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        plan.firstStages().values().forEach(f -> groups.put(f.key(), f.rows()));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("stage1-bbn", List.of("BBN"));
        expected.put("stage1-ride", List.of("RIDE", "RIDE + H2T", "RIDE + router"));
        expected.put("stage1-ride-cmo", List.of("RIDE + CMO"));
        expected.put("stage1-reslt", List.of("ResLT", "ResLT + H2T"));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(groups.entrySet()), "groups in table order");
        assertEquals(3, plan.laterStageRuns());
    }
}
