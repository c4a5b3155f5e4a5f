package org.longtail4j.data.files;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;

/**
 * The COCO-style JSON of iNaturalist 2018 ({@code train2018.json}, {@code val2018.json}), read streaming:
 * only {@code images[].id}, {@code images[].file_name}, {@code annotations[].image_id},
 * {@code annotations[].category_id} and optionally {@code categories[].id/name} are kept.
 *
 * <p>Annotations are joined to images on {@code image_id} = {@code id}, never by array position. Samples
 * come in the order of {@code images} (the order CB's gen_lists.py writes its text lists in). An image
 * without an annotation, an annotation naming no image, a repeated id or a missing field is an error
 * naming the file and the JSON location.
 */
public final class INaturalistJson {

    /** What the JSON holds: the samples as list lines, and category names by id when present. */
    public record Contents(ListFile.Lines lines, Map<Integer, String> categoryNames) {}

    private INaturalistJson() {}

    /** Reads {@code file}; lines numbers in the result are positions in {@code images} (from 1). */
    public static Contents read(Path file) {
        Map<Long, String> fileOfImage = new LinkedHashMap<>();
        Map<Long, Integer> categoryOfImage = new HashMap<>();
        Map<Integer, String> categories = new HashMap<>();
        boolean sawImages = false;
        boolean sawAnnotations = false;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonReader json = new JsonReader(in)) {
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "images" -> {
                        sawImages = true;
                        readArray(file, json, () -> {
                            Long id = null;
                            String name = null;
                            String at = location(file, json);
                            json.beginObject();
                            while (json.hasNext()) {
                                switch (json.nextName()) {
                                    case "id" -> id = json.nextLong();
                                    case "file_name" -> name = json.nextString();
                                    default -> json.skipValue();
                                }
                            }
                            json.endObject();
                            if (id == null || name == null) {
                                throw new BadInputException(at + ": image without " + (id == null ? "id" : "file_name")
                                        + "; expected {\"id\": ..., \"file_name\": ...}");
                            }
                            if (fileOfImage.put(id, name) != null) {
                                throw new BadInputException(at + ": image id " + id + " appears twice in images");
                            }
                        });
                    }
                    case "annotations" -> {
                        sawAnnotations = true;
                        readArray(file, json, () -> {
                            Long image = null;
                            Integer category = null;
                            String at = location(file, json);
                            json.beginObject();
                            while (json.hasNext()) {
                                switch (json.nextName()) {
                                    case "image_id" -> image = json.nextLong();
                                    case "category_id" -> category = json.nextInt();
                                    default -> json.skipValue();
                                }
                            }
                            json.endObject();
                            if (image == null || category == null) {
                                throw new BadInputException(at + ": annotation without "
                                        + (image == null ? "image_id" : "category_id")
                                        + "; expected {\"image_id\": ..., \"category_id\": ...}");
                            }
                            if (categoryOfImage.put(image, category) != null) {
                                throw new BadInputException(at + ": image " + image + " has a second annotation;"
                                        + " expected one label per image");
                            }
                        });
                    }
                    case "categories" -> readArray(file, json, () -> {
                        Integer id = null;
                        String name = null;
                        json.beginObject();
                        while (json.hasNext()) {
                            switch (json.nextName()) {
                                case "id" -> id = json.nextInt();
                                case "name" -> name = json.nextString();
                                default -> json.skipValue();
                            }
                        }
                        json.endObject();
                        if (id != null && name != null) {
                            categories.put(id, name);
                        }
                    });
                    default -> json.skipValue();
                }
            }
            json.endObject();
        } catch (NoSuchFileException e) {
            throw new BadInputException("JSON file " + file + " does not exist");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new BadInputException(file + ": not the iNaturalist COCO-style JSON: " + e.getMessage(), e);
        }
        if (!sawImages || !sawAnnotations) {
            throw new BadInputException(file + ": no \"" + (sawImages ? "annotations" : "images")
                    + "\" array; expected the COCO-style iNaturalist JSON with images[] and annotations[]");
        }
        List<String> paths = new ArrayList<>(fileOfImage.size());
        int[] labels = new int[fileOfImage.size()];
        int[] positions = new int[fileOfImage.size()];
        int i = 0;
        for (Map.Entry<Long, String> image : fileOfImage.entrySet()) {
            Integer category = categoryOfImage.remove(image.getKey());
            if (category == null) {
                throw new BadInputException(file + ": images[" + i + "] (id " + image.getKey()
                        + ") has no annotation; expected one annotation per image");
            }
            if (category < 0) {
                throw new BadInputException(file + ": image id " + image.getKey() + " has category_id " + category
                        + "; expected 0 or more");
            }
            paths.add(image.getValue());
            labels[i] = category;
            positions[i] = i + 1;
            i++;
        }
        if (!categoryOfImage.isEmpty()) {
            throw new BadInputException(file + ": an annotation names image id " + categoryOfImage.keySet().iterator().next()
                    + ", which is not in images; expected every annotation's image_id among images[].id");
        }
        if (paths.isEmpty()) {
            throw new BadInputException(file + ": images[] is empty");
        }
        return new Contents(new ListFile.Lines(file, List.copyOf(paths), labels, positions, true),
                Map.copyOf(categories));
    }

    private interface Element {
        void read() throws IOException;
    }

    private static void readArray(Path file, JsonReader json, Element element) throws IOException {
        if (json.peek() != JsonToken.BEGIN_ARRAY) {
            throw new BadInputException(location(file, json) + ": expected an array");
        }
        json.beginArray();
        while (json.hasNext()) {
            element.read();
        }
        json.endArray();
    }

    /** "FILE at line L column C path $.images[3]". */
    private static String location(Path file, JsonReader json) {
        String text = json.toString();
        int at = text.indexOf(" at line ");
        return file + (at >= 0 ? text.substring(at) : " at " + json.getPath());
    }
}
