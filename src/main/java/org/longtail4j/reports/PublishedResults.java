package org.longtail4j.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The H2T paper's published tables and its p-curve, shipped with the toolkit as
 * {@code published-results.yaml} (transcribed from the paper's slides and anchors.md), so pages can
 * show the paper's figure beside ours with the dataset each is on.
 *
 * @param tables one per dataset, in the paper's order
 * @param pCurve accuracy against the fusion ratio p (CIFAR-100-LT, IR 100, DR + H2T)
 */
public record PublishedResults(List<Table> tables, PCurve pCurve) {

    /**
     * One published table.
     *
     * @param id short key, e.g. cifar100-lt
     * @param dataset the dataset's name as the paper prints it
     * @param columns e.g. [IR 200, IR 100, IR 50] or [Head, Med, Tail, All]
     * @param rows in the paper's order
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Table(String id, String dataset, String backbone, String metric, List<String> columns,
            List<Row> rows) {

        /** The row of a method (names compared by {@link #key}), or null. */
        public Row row(String method) {
            for (Row r : rows) {
                if (key(r.method()).equals(key(method))) {
                    return r;
                }
            }
            return null;
        }

        /** The index of a column (case-insensitive, spaces ignored), or -1. */
        public int column(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (key(columns.get(i)).equals(key(name))) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** A method's figures; null where the paper prints "-". */
    public record Row(String method, String family, boolean starred, List<Double> values) {}

    /** The paper's p-curve. */
    public record PCurve(String dataset, String setting, List<Double> p, List<Double> head, List<Double> medium,
            List<Double> tail, List<Double> all) {}

    private static final String RESOURCE = "published-results.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The shipped data file. */
    public static PublishedResults load() {
        try (InputStream in = PublishedResults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the toolkit's resources");
            }
            return YAML.readValue(in, PublishedResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The table of a dataset id, or null. */
    public Table table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /** A method or column name reduced for matching: lower case, without spaces ("DR+H2T" = "dr + h2t"). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
