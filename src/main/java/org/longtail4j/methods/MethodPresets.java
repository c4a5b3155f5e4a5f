package org.longtail4j.methods;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;

/**
 * Methods as YAML compositions of registered parts: {@code src/main/resources/methods/NAME.yaml} holds a
 * method's summary, paper and parts (sampler, mixing, transform, loss, edits, prediction). A stage that
 * names the method starts from these parts; adding a method that needs no new part is one such file.
 */
public final class MethodPresets {

    /** One preset: what it is, where it comes from, and its parts by stage key. */
    public record Preset(String name, String summary, String paper, Map<String, Object> parts) {}

    private static final String FOLDER = "methods/";
    private static final Map<String, Preset> PRESETS = load();

    private MethodPresets() {}

    /** Every preset, by name. */
    public static Map<String, Preset> all() {
        return PRESETS;
    }

    /** The preset {@code name}; {@code key} names the config key that asked, for the message. */
    public static Preset get(String key, String name) {
        Preset preset = PRESETS.get(name);
        if (preset == null) {
            throw new BadInputException("config key '" + key + "' is " + name + ", expected a method: one of "
                    + String.join(", ", PRESETS.keySet()) + " (or none)");
        }
        return preset;
    }

    private static Map<String, Preset> load() {
        Map<String, Preset> presets = new TreeMap<>();
        for (String file : listFolder()) {
            String name = file.substring(0, file.length() - ".yaml".length());
            try (InputStream in = MethodPresets.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
                Map<String, Object> yaml = ConfigLoader.yaml().readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
                String summary = String.valueOf(yaml.remove("summary"));
                String paper = String.valueOf(yaml.remove("paper"));
                presets.put(name, new Preset(name, summary, paper, yaml));
            } catch (IOException e) {
                throw new UncheckedIOException("method preset " + file + " cannot be read", e);
            }
        }
        return presets;
    }

    /** The .yaml files of the presets folder, from the classes folder or the jar this class is in. */
    private static Iterable<String> listFolder() {
        URL location = MethodPresets.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path.resolve(FOLDER))) {
                    return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
                }
            }
            try (JarFile jar = new JarFile(path.toFile())) {
                java.util.List<String> names = new java.util.ArrayList<>();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (entry.startsWith(FOLDER) && entry.endsWith(".yaml")) {
                        names.add(entry.substring(FOLDER.length()));
                    }
                }
                return names;
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the method presets at " + location, e);
        }
    }
}
