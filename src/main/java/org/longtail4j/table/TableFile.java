package org.longtail4j.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.reports.PaperTable;
import org.longtail4j.reports.PublishedResults;

/**
 * A results table to measure, as {@code longtail table --config FILE} reads it:
 *
 * <pre>
 * name: fmnist-single                      # the default output folder is runs/NAME
 * dataset: Fashion-MNIST-LT, IR 100        # what our figures are on, printed beside each of them
 * published: {table: cifar100-lt, column: IR 100}   # the paper's table and column put beside ours
 * rows:                                    # in the paper's order: display name -> row config
 *   CE: ce.yaml                            # (a run config, relative to this file)
 *   DR + H2T: dr-h2t.yaml
 * </pre>
 *
 * Every key is required and no other is accepted; a row's display name is the method as the paper
 * names it, so the published figure beside it is found by name.
 *
 * @param file the table file as given
 * @param name the table's name
 * @param dataset the dataset label of our figures
 * @param published the paper's table ({@code published-results.yaml} id)
 * @param column the published column our "all" is compared with
 * @param rows display name -> row config path (resolved against the table file's folder), in order
 */
public record TableFile(Path file, String name, String dataset, PublishedResults.Table published, String column,
        Map<String, Path> rows) {

    private static final Set<String> KEYS = Set.of("name", "dataset", "published", "rows");
    private static final Set<String> PUBLISHED_KEYS = Set.of("table", "column");

    /**
     * Reads and checks a table file: its keys, the published table and column, and that every row's
     * config file exists (the row configs themselves are read by {@link TablePlan}).
     *
     * @throws BadInputException one line naming the file and the key or row at fault
     */
    public static TableFile read(Path file) {
        JsonNode root = readTree(file);
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new BadInputException("table file " + file + ": unknown key '" + key
                        + "' (a table file has: name, dataset, published, rows)");
            }
        }
        String name = text(root, "name", file);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new BadInputException("table file " + file + ": key 'name' is '" + name
                    + "', expected letters, digits, '.', '_' or '-' (it names the default output folder)");
        }
        String dataset = text(root, "dataset", file);
        JsonNode published = root.path("published");
        if (!published.isObject()) {
            throw new BadInputException("table file " + file + ": key 'published' is "
                    + (published.isMissingNode() ? "missing" : published.toString())
                    + ", expected {table: ID, column: NAME}, e.g. {table: cifar100-lt, column: IR 100}");
        }
        for (Iterator<String> keys = published.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!PUBLISHED_KEYS.contains(key)) {
                throw new BadInputException("table file " + file + ": unknown key 'published." + key
                        + "' (expected table and column)");
            }
        }
        String tableId = text(published, "table", file, "published.table");
        PublishedResults results = PublishedResults.load();
        PublishedResults.Table table = results.table(tableId);
        if (table == null) {
            throw new BadInputException("table file " + file + ": key 'published.table' is '" + tableId
                    + "', expected one of " + results.tables().stream().map(PublishedResults.Table::id).toList());
        }
        String column = text(published, "column", file, "published.column");
        if (table.column(column) < 0) {
            throw new BadInputException("table file " + file + ": key 'published.column' is '" + column + "'; the "
                    + table.dataset() + " table has " + table.columns());
        }
        return new TableFile(file, name, dataset, table, column, rows(root.path("rows"), file));
    }

    /** The row configs, checked to exist; the folder names they give must differ. */
    private static Map<String, Path> rows(JsonNode rows, Path file) {
        if (!rows.isObject() || rows.isEmpty()) {
            throw new BadInputException("table file " + file + ": key 'rows' is "
                    + (rows.isMissingNode() ? "missing" : rows.toString())
                    + ", expected a mapping of display name -> row config, e.g. {CE: ce.yaml}");
        }
        Path folder = file.toAbsolutePath().getParent();
        Map<String, Path> out = new LinkedHashMap<>();
        Map<String, String> byFolder = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rows.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> row = it.next();
            String where = "table file " + file + ", row '" + row.getKey() + "'";
            if (!row.getValue().isTextual() || row.getValue().asText().isBlank()) {
                throw new BadInputException(where + ": expected the path of a row config (relative to the table "
                        + "file), got " + row.getValue());
            }
            Path config = folder.resolve(row.getValue().asText()).normalize();
            if (!Files.isRegularFile(config)) {
                throw new BadInputException(where + ": row config " + config + " does not exist");
            }
            String other = byFolder.put(TablePlan.rowFolder(config), row.getKey());
            if (other != null) {
                throw new BadInputException(where + ": its config has the same file name as row '" + other
                        + "' (" + config.getFileName() + "), and rows keep their runs in folders named by it");
            }
            out.put(row.getKey(), config);
        }
        return out;
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("table file " + file + " does not exist or is not a file");
        }
        JsonNode node;
        try {
            node = ConfigLoader.yaml().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new BadInputException("table file " + file + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new BadInputException("cannot read table file " + file + ": " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException("table file " + file + ": expected a YAML mapping with name, dataset, "
                    + "published and rows (see configs/fashion-mnist-lt/table-single.yaml)");
        }
        return node;
    }

    private static String text(JsonNode node, String key, Path file) {
        return text(node, key, file, key);
    }

    private static String text(JsonNode node, String key, Path file, String dotted) {
        JsonNode value = node.path(key);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new BadInputException("table file " + file + ": key '" + dotted + "' is "
                    + (value.isMissingNode() ? "missing" : value.toString()) + ", expected a text value");
        }
        return value.asText();
    }

    /** The rows' display names, in the file's order. */
    public List<String> rowNames() {
        return new ArrayList<>(rows.keySet());
    }

    /** The paper's table for our rows. */
    public PaperTable paperTable(List<PaperTable.Row> ours) {
        return new PaperTable(ours, published, column);
    }
}
