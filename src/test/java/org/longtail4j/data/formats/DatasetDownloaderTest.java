package org.longtail4j.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.longtail4j.data.formats.FashionMnistReaderTest.assertMessage;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.longtail4j.BadInputException;

/** Downloads from an HTTP server on 127.0.0.1 that the test runs; nothing touches the internet. */
class DatasetDownloaderTest {

    private static final byte[] CONTENT = "pretend this is a dataset archive".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private HttpServer server;
    /** Response bodies by request path; any other path gets a 404. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            byte[] body = files.get(path);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI base(String folder) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
    }

    @Test
    void downloadsAFileWhoseChecksumMatches() throws IOException {
        files.put("/data/archive.tar.gz", CONTENT);
        Path target = dir.resolve("sub").resolve("archive.tar.gz");

        Path result = new DatasetDownloader().download(base("data").resolve("archive.tar.gz"), md5(CONTENT), target);

        assertEquals(target, result);
        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(target.getParent())); // no temporary file left
        assertEquals(List.of("/data/archive.tar.gz"), requests);
    }

    @Test
    void fileAlreadyThereWithTheRightChecksumIsNotFetchedAgain() throws IOException {
        Path target = Files.write(dir.resolve("archive.tar.gz"), CONTENT);

        new DatasetDownloader().download(base("data").resolve("archive.tar.gz"), md5(CONTENT), target);

        assertEquals(List.of(), requests);
        assertArrayEquals(CONTENT, Files.readAllBytes(target));
    }

    @Test
    void staleFileIsReplaced() throws IOException {
        files.put("/data/archive.tar.gz", CONTENT);
        Path target = Files.writeString(dir.resolve("archive.tar.gz"), "half a download");

        new DatasetDownloader().download(base("data").resolve("archive.tar.gz"), md5(CONTENT), target);

        assertArrayEquals(CONTENT, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws IOException {
        // served under the canonical name, but not the canonical bytes
        files.put("/fm/train-images-idx3-ubyte.gz", CONTENT);
        DatasetDownloader downloader = new DatasetDownloader(base("fm"), base("kriz"));

        BadInputException e = assertThrows(BadInputException.class, () -> downloader.downloadFashionMnist(dir));

        assertMessage(e, "download of " + base("fm") + "train-images-idx3-ubyte.gz",
                "has MD5 " + md5(CONTENT), "expected 8d4fb7e6c68d591d4c3dfef9ec88bf0d");
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void httpErrorIsReportedWithTheUrl() throws IOException {
        DatasetDownloader downloader = new DatasetDownloader(base("fm"), base("kriz"));

        BadInputException e = assertThrows(BadInputException.class,
                () -> downloader.downloadCifar(100, "python", dir));

        assertMessage(e, "download of " + base("kriz") + "cifar-100-python.tar.gz failed: HTTP 404, expected 200");
        assertEquals(List.of("/kriz/cifar-100-python.tar.gz"), requests);
        assertEquals(List.of(), listing(dir));
    }

    @Test
    void eachCifarArchiveHasItsCanonicalNameAndChecksum() {
        DatasetDownloader downloader = new DatasetDownloader(base("fm"), URI.create(base("kriz").toString()
                .replaceAll("/$", ""))); // a base without the trailing slash works too
        String[][] cases = {
            {"10", "binary", "cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530"},
            {"10", "python", "cifar-10-python.tar.gz", "c58f30108f718f92721af3b95e74349a"},
            {"100", "binary", "cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8"},
            {"100", "python", "cifar-100-python.tar.gz", "eb9058c3a382ffc7106e4002c42a8d85"},
        };
        for (String[] c : cases) {
            files.put("/kriz/" + c[2], CONTENT);
            BadInputException e = assertThrows(BadInputException.class,
                    () -> downloader.downloadCifar(Integer.parseInt(c[0]), c[1], dir));
            assertMessage(e, base("kriz") + c[2], "expected " + c[3]);
        }
    }

    @Test
    void unreachableServerIsReportedWithTheUrl() {
        URI url = base("data").resolve("archive.tar.gz");
        server.stop(0);

        BadInputException e = assertThrows(BadInputException.class,
                () -> new DatasetDownloader().download(url, md5(CONTENT), dir.resolve("archive.tar.gz")));
        assertMessage(e, "download of " + url, "failed");
    }

    @Test
    void unknownCifarVersionIsNamed() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> new DatasetDownloader(base("fm"), base("kriz")).downloadCifar(10, "matlab", dir));
        assertMessage(e, "CIFAR version 'matlab', expected binary or python");
        assertEquals(List.of(), requests);
    }

    @Test
    void canonicalLocations() {
        assertEquals("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                DatasetDownloader.FASHION_MNIST_BASE.toString());
        assertEquals("https://www.cs.toronto.edu/~kriz/", DatasetDownloader.CIFAR_BASE.toString());
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
