package org.longtail4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Renders pages as a person sees them: Debian's headless Chromium, driven over its DevTools protocol
 * (a WebSocket, JDK client), reports the page's images (and which failed to load), its visible text,
 * every console error and uncaught script exception, and takes a full-page screenshot.
 *
 * <p>Chromium runs with a fresh empty profile and no network features (no sync, updates, QUIC or
 * background requests). A test that needs it fails, with the install command, when it is missing:
 * it never skips silently.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** What one page showed. */
    public record Rendering(int images, int brokenImages, int textLength, List<String> errors, Path screenshot,
            double inkFraction) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 1200;

    private final Process process;
    private final Path profile;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HeadlessChromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** The browser binary: chromium (Debian) or chromium-browser, or fails the test saying how to install it. */
    public static Path binary() {
        for (String name : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(name))) {
                return Path.of(name);
            }
        }
        fail("headless Chromium is needed to check the report pages but /usr/bin/chromium is missing: install it with "
                + "'sudo apt-get install chromium' (.ci/run does this)");
        return null;
    }

    /** Starts Chromium with an empty profile in a fresh temporary folder. */
    public static HeadlessChromium start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("longtail-chromium-");
        List<String> command = List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=" + WIDTH + ",900", "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        return new HeadlessChromium(process, profile, port);
    }

    /**
     * Loads {@code page} in a new tab, waits for its load event, and writes a full-page screenshot to
     * {@code screenshot}.
     */
    public Rendering render(Path page, Path screenshot) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode target = JSON.readTree(created.body());
        try (Tab tab = new Tab(http, URI.create(target.get("webSocketDebuggerUrl").asText()))) {
            tab.call("Runtime.enable", Map.of());
            tab.call("Log.enable", Map.of());
            tab.call("Page.enable", Map.of());
            CompletableFuture<JsonNode> loaded = tab.next("Page.loadEventFired");
            tab.call("Page.navigate", Map.of("url", page.toAbsolutePath().toUri().toString()));
            loaded.get(60, TimeUnit.SECONDS);
            JsonNode facts = JSON.readTree(tab.call("Runtime.evaluate", Map.of("returnByValue", true, "expression",
                    "JSON.stringify({images: document.images.length,"
                    + " broken: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length,"
                    + " text: document.body ? document.body.innerText.trim().length : 0,"
                    + " height: Math.max(document.documentElement.scrollHeight, 1)})"))
                    .path("result").path("value").asText());
            int height = Math.min(facts.get("height").asInt(), 30000);
            JsonNode shot = tab.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", WIDTH, "height", height, "scale", 1)));
            byte[] png = Base64.getDecoder().decode(shot.get("data").asText());
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            Files.write(screenshot, png);
            return new Rendering(facts.get("images").asInt(), facts.get("broken").asInt(), facts.get("text").asInt(),
                    List.copyOf(tab.errors), screenshot, ink(png));
        }
    }

    /** The share of pixels that are not near-white: 0 for a blank page. */
    static double ink(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        long ink = 0;
        long total = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                ink += r + g + b < 3 * 235 ? 1 : 0;
                total++;
            }
        }
        return (double) ink / total;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var paths = Files.walk(profile)) {
            for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Chromium may still be removing its own files; the temporary folder is left to the system.
        }
    }

    /** One tab's DevTools connection: numbered calls, their answers, and the errors its events report. */
    private static final class Tab implements WebSocket.Listener, AutoCloseable {

        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());

        Tab(HttpClient http, URI uri) throws Exception {
            this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, this)
                    .get(30, TimeUnit.SECONDS);
        }

        JsonNode call(String method, Map<String, Object> params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", JSON.valueToTree(params));
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
            JsonNode reply = answer.get(120, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        }

        CompletableFuture<JsonNode> next(String event) {
            return awaited.computeIfAbsent(event, e -> new CompletableFuture<>());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text) {
            try {
                JsonNode m = JSON.readTree(text);
                if (m.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.remove(m.get("id").asInt());
                    if (answer != null) {
                        answer.complete(m);
                    }
                    return;
                }
                String method = m.path("method").asText();
                JsonNode p = m.path("params");
                switch (method) {
                    case "Runtime.exceptionThrown" -> errors.add("script exception: "
                            + p.path("exceptionDetails").path("exception").path("description")
                                    .asText(p.path("exceptionDetails").path("text").asText()));
                    case "Runtime.consoleAPICalled" -> {
                        if (p.path("type").asText().equals("error") || p.path("type").asText().equals("assert")) {
                            errors.add("console." + p.path("type").asText() + ": " + p.path("args"));
                        }
                    }
                    case "Log.entryAdded" -> {
                        if (p.path("entry").path("level").asText().equals("error")) {
                            errors.add("log: " + p.path("entry").path("text").asText() + " "
                                    + p.path("entry").path("url").asText());
                        }
                    }
                    default -> { }
                }
                CompletableFuture<JsonNode> waiting = awaited.get(method);
                if (waiting != null) {
                    waiting.complete(p);
                }
            } catch (IOException e) {
                errors.add("unreadable DevTools message: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                    .join();
        }
    }
}
