package org.longtail4j.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.longtail4j.BadInputException;

class PaperTableTest {

    @Test
    void theDataFileHoldsThePapersTablesAsPublished() {
        PublishedResults p = PublishedResults.load();
        assertEquals(List.of("cifar100-lt", "imagenet-lt", "inaturalist2018", "places-lt"),
                p.tables().stream().map(PublishedResults.Table::id).toList());
        PublishedResults.Table cifar = p.table("cifar100-lt");
        // anchors.md: DR + H2T 43.95 / 47.73 / 52.95; RIDE + H2T 46.64 / 51.38 / 55.54; CE + CMO has no IR 200.
        assertEquals(List.of(43.95, 47.73, 52.95), cifar.row("DR+H2T").values());
        assertEquals(List.of(46.64, 51.38, 55.54), cifar.row("ride + h2t").values());
        assertNull(cifar.row("CE + CMO").values().get(0));
        assertEquals(List.of(62.36, 48.75, 52.15, 54.62), p.table("imagenet-lt").row("GCL + H2T").values());
        assertEquals(71.81, p.table("inaturalist2018").row("DR + H2T").values().get(3));
        assertEquals(40.95, p.table("places-lt").row("DR + H2T").values().get(3));
        for (PublishedResults.Table t : p.tables()) {
            for (PublishedResults.Row r : t.rows()) {
                assertEquals(t.columns().size(), r.values().size(), t.id() + " " + r.method());
            }
        }
        PublishedResults.PCurve curve = p.pCurve();
        assertEquals(11, curve.all().size());
        assertEquals(47.73, curve.all().get(3), "the curve peaks at p = 0.3 with DR + H2T's table figure");
        assertEquals(45.68, curve.all().get(0), "p = 0 is plain DR + MU");
    }

    @Test
    void rowsInThePapersOrderWithPublishedFiguresBeside() {
        RunComparison.Stat s = new RunComparison.Stat(40.0, 0.5, 3);
        List<PaperTable.Row> rows = List.of(
                new PaperTable.Row("My idea", "Fashion-MNIST-LT, IR 100", s, s, s, s),
                new PaperTable.Row("DR + H2T", "Fashion-MNIST-LT, IR 100", s, s, null, new RunComparison.Stat(47.1, 0.2, 3)),
                new PaperTable.Row("CE", "Fashion-MNIST-LT, IR 100", s, s, s, s));
        PaperTable table = new PaperTable(rows, PublishedResults.load().table("cifar100-lt"), "IR 100");
        List<List<String>> cells = table.cells();
        assertEquals(List.of("CE", "DR + H2T", "My idea"), cells.stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("DR + H2T", "Fashion-MNIST-LT, IR 100", "40.00 ± 0.50", "40.00 ± 0.50", "-", "47.10 ± 0.20",
                "CIFAR-100-LT, IR 100", "-", "-", "-", "47.73"), cells.get(1));
        assertEquals("-", cells.get(2).get(6), "no published row for a method the paper lacks");
        String md = table.markdown();
        assertTrue(md.contains("| DR + H2T | Fashion-MNIST-LT, IR 100 | 40.00 ± 0.50 |"), md);
        String csv = table.csv();
        assertTrue(csv.contains("\nDR + H2T,\"Fashion-MNIST-LT, IR 100\",40.0000,0.5000,40.0000,0.5000,,,47.1000,0.2000,3,"
                + "CIFAR-100-LT IR 100,false,,,,47.73\n"), csv);
        assertThrows(BadInputException.class,
                () -> new PaperTable(rows, PublishedResults.load().table("cifar100-lt"), "IR 10"));
    }
}
