package org.longtail4j.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longtail4j.BadInputException;

/**
 * Reads a run config: built-in defaults, then the YAML file, then {@code --set key=value} overrides,
 * then validation. Every mistake becomes a one-line {@link BadInputException} naming the file and
 * the dotted key.
 *
 * <p>Merging happens on the JSON tree rather than during binding so that an unknown key is reported
 * with its full path and the keys that would have been accepted, and so that lists replace the
 * default instead of being appended to it.
 */
public final class ConfigLoader {

    /**
     * A stage's parts: below these keys anything may stand, since each part's own registry checks its
     * settings (and names the key) when the stage is composed.
     */
    private static final Set<String> PART_KEYS = Set.of("sampler", "mixing", "transform", "loss", "edits", "prediction",
            "lr_factors");
    private static final String STAGES = "stages.";
    /** Old stage keys and where their settings went, for a helpful message. */
    private static final Map<String, String> MOVED = Map.of(
            "mixup_alpha", "mixing: {type: mixup, alpha: A}",
            "h2t", "transform: {type: h2t, p: P}",
            "classifier", "edits: {reinit-head: {}} (cRT) or no such edit (fine-tuning)",
            "bn", "edits: {freeze-backbone: {bn: shift|frozen}}",
            "params", "the settings of the stage's parts (loss, mixing, sampler, transform, edits, prediction)");
    /** Keys retired outside the stages, and where their meaning went. */
    private static final Map<String, String> RETIRED = Map.of(
            "model.router", "; RIDE's router is now a stage of its own: add stages.router: {method: ride-router, ...} "
                    + "after RIDE's stage (configs/cifar100-lt/ir100-ride-router.yaml), see docs/configs.md");
    /**
     * Retired keys at the only value a run could save (their default, which did nothing): a run folder made
     * before the key went still loads (eval, resume), and its config reads back as the same run.
     */
    private static final Map<String, Object> RETIRED_SAVED_VALUES = Map.of("model.router", false);
    /** A config file may start from another one: {@code base: ir100-ce-mixup.yaml}. */
    private static final String BASE = "base";
    /** The top-level record of how tuned values were chosen (config key -> text), see TunedValues. */
    private static final String TUNED = "tuned";

    private static final ObjectMapper YAML = mapper(new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .stringQuotingChecker(new QuoteUnlessReadBackAsIs())
            // a key given twice is a mistake (the first value would be lost without a word)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()));

    private ConfigLoader() {}

    /**
     * Minimal quoting as Jackson does it writes some strings bare that read back as something else
     * ("1e5" reads back as the number 100000.0): quote every string that would not read back as itself,
     * so that a saved config loads back equal.
     */
    private static final class QuoteUnlessReadBackAsIs extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final ObjectMapper PLAIN = new ObjectMapper(new YAMLFactory());

        @Override
        public boolean needToQuoteValue(String value) {
            if (super.needToQuoteValue(value)) {
                return true;
            }
            try {
                JsonNode read = PLAIN.readTree(value);
                return read == null || !read.isTextual() || !read.asText().equals(value);
            } catch (JsonProcessingException e) {
                return true;
            }
        }
    }

    private static ObjectMapper mapper(ObjectMapper m) {
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return m;
    }

    /** The mapper used for config files (YAML, snake_case). */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Loads {@code file} (may be null for the defaults alone) and applies {@code overrides}. */
    public static RunConfig load(Path file, List<String> overrides) {
        return load(file, overrides, false);
    }

    /** @param saved whether {@code file} is a run folder's saved config (retired keys at their saved value dropped) */
    private static RunConfig load(Path file, List<String> overrides, boolean saved) {
        ObjectNode tree = YAML.valueToTree(new RunConfig());
        RunConfig config = null;
        if (file != null) {
            mergeFile(tree, file, new ArrayList<>(), saved);
            config = bind(tree, file.toString());
        }
        // Bound after each override, so that a value of the wrong type blames the --set that gave it.
        for (String override : overrides) {
            applyOverride(tree, override);
            config = bind(tree, "--set " + override);
        }
        if (config == null) {
            config = bind(tree, "the defaults");
        }
        ConfigValidator.validate(config);
        return config;
    }

    /** Reads a config saved in a run folder: it must bind as written, with no overrides. */
    public static RunConfig loadResolved(Path file) {
        return loadResolved(file, null);
    }

    /**
     * Reads a config saved in a run folder, with {@code data.root} set to {@code dataRoot} (taken
     * literally) when it is not null: the data have moved since the run was made.
     */
    public static RunConfig loadResolved(Path file, Path dataRoot) {
        return load(file, dataRoot == null ? List.of() : List.of(literalOverride("data.root", dataRoot.toString())),
                true);
    }

    /**
     * The config as a run folder saves it: {@code data.root} made absolute, so that {@code eval --run} and
     * {@code --resume} from another directory read the same data.
     */
    public static RunConfig asSaved(RunConfig config) {
        RunConfig saved = copy(config);
        saved.data.root = absolute(saved.data.root);
        // The other paths a run reads, so that resume, eval and predict find them from any directory.
        saved.data.trainList = absolute(saved.data.trainList);
        saved.data.valList = absolute(saved.data.valList);
        saved.data.testList = absolute(saved.data.testList);
        saved.data.imageRoot = absolute(saved.data.imageRoot);
        saved.data.classNamesFile = absolute(saved.data.classNamesFile);
        saved.model.pretrained = absolute(saved.model.pretrained);
        return saved;
    }

    private static String absolute(String path) {
        return path == null ? null : Path.of(path).toAbsolutePath().normalize().toString();
    }

    /** {@link #asSaved} as YAML, with the path the user gave in a comment at the top when it was relative. */
    public static String toSavedYaml(RunConfig config) {
        RunConfig saved = asSaved(config);
        boolean changed = config.data.root != null && !config.data.root.equals(saved.data.root);
        return (changed ? "# data.root was given as: " + config.data.root.replace('\n', ' ') + "\n" : "")
                + toYaml(saved);
    }

    /** Whether a run folder's saved config (read back) is the run {@code config} describes. */
    public static boolean sameSavedRun(RunConfig saved, RunConfig config) {
        return toYaml(saved).equals(toYaml(asSaved(config)));
    }

    /** Writes {@code config} as YAML; the saved file loads back to an equal config. */
    public static String toYaml(RunConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as YAML", e);
        }
    }

    /** A deep copy, so that sweeps and stages can vary a config without touching the original. */
    public static RunConfig copy(RunConfig config) {
        return bind(YAML.valueToTree(config), "a copied config");
    }

    /**
     * An override that sets {@code key} to exactly {@code text}, whatever characters it holds: a path
     * such as {@code /x/set #2}, {@code null} or {@code a: b} is a string, never read as YAML. The text
     * is written as a JSON string, which YAML reads back as itself.
     */
    public static String literalOverride(String key, String text) {
        try {
            return key + "=" + new ObjectMapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote " + text, e);
        }
    }

    /** Applies one {@code key=value} override (value in YAML syntax) to a loaded config. */
    public static RunConfig withOverride(RunConfig config, String override) {
        ObjectNode tree = YAML.valueToTree(config);
        applyOverride(tree, override);
        RunConfig result = bind(tree, "--set");
        ConfigValidator.validate(result);
        return result;
    }

    /**
     * Merges {@code file} into {@code tree}, after the file its {@code base} key names (relative to it),
     * so a config can say "the IR-100 stage 1, plus this stage 2" without repeating it.
     */
    private static void mergeFile(ObjectNode tree, Path file, List<Path> chain, boolean saved) {
        Path normal = file.toAbsolutePath().normalize();
        if (chain.contains(normal)) {
            throw new BadInputException("config file " + file + ": 'base' files form a loop: " + chain);
        }
        chain.add(normal);
        ObjectNode node = (ObjectNode) readTree(file);
        JsonNode base = node.remove(BASE);
        if (base != null) {
            if (!base.isTextual()) {
                throw new BadInputException("config file " + file + ": key 'base' is " + base
                        + ", expected the path of another config file");
            }
            Path parent = normal.getParent();
            mergeFile(tree, parent.resolve(base.asText()), chain, saved);
        }
        if (saved) {
            dropRetiredSavedValues(node);
        }
        mergeInto(tree, node, "", file.toString());
    }

    private static void dropRetiredSavedValues(ObjectNode node) {
        RETIRED_SAVED_VALUES.forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (node.get(key.substring(0, dot)) instanceof ObjectNode parent
                    && YAML.valueToTree(value).equals(parent.get(key.substring(dot + 1)))) {
                parent.remove(key.substring(dot + 1));
            }
        });
    }

    private static JsonNode readTree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("config file " + file + " does not exist or is not a file");
        }
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            if (node == null || node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isEmpty()) {
                throw new BadInputException("config file " + file + " is empty: expected a YAML mapping of config keys"
                        + " (see configs/ for examples)");
            }
            if (!node.isObject()) {
                throw new BadInputException("config file " + file + ": expected a YAML mapping of keys at the top, got "
                        + node.getNodeType().toString().toLowerCase());
            }
            return node;
        } catch (JsonProcessingException e) {
            String duplicate = DuplicateKeys.describe(e);
            if (duplicate != null) {
                throw new BadInputException("config file " + file + ", " + duplicate);
            }
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new BadInputException("config file " + file + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new BadInputException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    /** Merges {@code from} into {@code into}: mappings recursively, everything else replaces. */
    private static void mergeInto(ObjectNode into, JsonNode from, String prefix, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String path = prefix + key;
            JsonNode existing = into.get(key);
            if (STAGES.equals(prefix)) {
                // A new stage starts from a stage's defaults, so its keys are checked like any others;
                // null removes a stage (e.g. a base recipe's second stage).
                if (field.getValue().isNull()) {
                    into.remove(key);
                    continue;
                }
                if (existing == null || existing.isNull()) {
                    existing = YAML.valueToTree(new StageConfig());
                    into.set(key, existing);
                }
                if (!field.getValue().isObject()) {
                    throw new BadInputException(source + ": config key '" + path + "' is " + field.getValue()
                            + ", expected the stage's settings (method, epochs, ...) or null to remove it");
                }
            }
            boolean freeForm = insidePart(prefix) || prefix.equals(TUNED + "."); // tuned: any key, checked later
            if (existing == null && !freeForm) {
                String moved = MOVED.get(key);
                String hint = prefix.isEmpty() && key.matches("stage\\d+")
                        ? "; stages are now listed under 'stages' (stages." + key + ".KEY), see docs/configs.md"
                        : moved != null && prefix.startsWith(STAGES) ? "; it is now a part of the stage: " + moved
                        : RETIRED.containsKey(path) ? RETIRED.get(path)
                        : knownKeys(into, prefix);
                throw new BadInputException(source + ": unknown config key '" + path + "'" + hint);
            }
            FiniteNumbers.require(field.getValue(), path, source);
            // A part given with its type replaces the part before it (a loss's settings do not carry over
            // to another loss); without a type it adjusts the settings of the part already there.
            boolean replacesPart = (PART_KEYS.contains(key) && prefix.startsWith(STAGES) || freeForm)
                    && field.getValue().has("type");
            if (existing != null && existing.isObject() && field.getValue().isObject() && !replacesPart) {
                mergeInto((ObjectNode) existing, field.getValue(), path + ".", source);
            } else {
                into.set(key, field.getValue());
            }
        }
    }

    /** Whether {@code prefix} ("stages.stage1.loss.") lies inside a stage's part. */
    private static boolean insidePart(String prefix) {
        String[] parts = prefix.split("\\.");
        return parts.length >= 3 && parts[0].equals("stages") && PART_KEYS.contains(parts[2]);
    }

    private static String knownKeys(ObjectNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        String where = prefix.isEmpty() ? "at the top" : "under '" + prefix.substring(0, prefix.length() - 1) + "'";
        return " (known keys " + where + ": " + String.join(", ", keys) + ")";
    }

    private static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new BadInputException("--set " + override + ": expected key=value, e.g. stages.stage1.epochs=10");
        }
        String key = override.substring(0, eq).trim();
        String text = override.substring(eq + 1);
        JsonNode value;
        try {
            value = text.isEmpty() ? JsonNodeFactory.instance.textNode("") : YAML.readTree(text);
            if (value == null || value.isMissingNode()) {
                value = JsonNodeFactory.instance.nullNode();
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException("--set " + override + ": the value is not valid YAML");
        }
        // tuned's entries are named by whole dotted config keys: tuned.stages.stage2.lr is one entry.
        String[] parts = key.startsWith(TUNED + ".") ? new String[] {TUNED, key.substring(TUNED.length() + 1)}
                : key.split("\\.");
        ObjectNode nested = JsonNodeFactory.instance.objectNode();
        ObjectNode cursor = nested;
        for (int i = 0; i < parts.length - 1; i++) {
            cursor = cursor.putObject(parts[i]);
        }
        cursor.set(parts[parts.length - 1], value);
        mergeInto(tree, nested, "", "--set " + override);
    }

    private static RunConfig bind(JsonNode tree, String source) {
        try {
            return YAML.treeToValue(tree, RunConfig.class);
        } catch (JsonMappingException e) {
            String key = dottedPath(e);
            JsonNode value = tree.at("/" + key.replace('.', '/'));
            throw new BadInputException(source + ": config key '" + key + "' has the wrong type: expected "
                    + expectedType(e) + ", got " + (value.isMissingNode() ? "?" : value.toString()));
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": " + e.getOriginalMessage());
        }
    }

    private static String dottedPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('.').append(ref.getIndex());
            }
        }
        return path.toString();
    }

    private static String expectedType(JsonMappingException e) {
        // The type the value should have bound to, when Jackson says; its message names the type of the
        // value found as well ("ArrayList<Integer> from Integer value"), so reading the text misleads.
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target != null) {
            if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
                return "a whole number";
            }
            if (target == double.class || target == Double.class) {
                return "a number";
            }
            if (target == boolean.class || target == Boolean.class) {
                return "true or false";
            }
            if (Collection.class.isAssignableFrom(target)) {
                return "a list";
            }
            if (target == String.class) {
                return "a text value";
            }
            return "a mapping of keys";
        }
        String message = e.getOriginalMessage();
        if (message.contains("`int`") || message.contains("`long`") || message.contains("Integer")) {
            return "a whole number";
        }
        if (message.contains("`double`") || message.contains("Double")) {
            return "a number";
        }
        if (message.contains("`boolean`")) {
            return "true or false";
        }
        if (message.contains("java.util.List") || message.contains("ArrayList")) {
            return "a list";
        }
        if (message.contains("String")) {
            return "a text value";
        }
        return "a mapping of keys";
    }
}
