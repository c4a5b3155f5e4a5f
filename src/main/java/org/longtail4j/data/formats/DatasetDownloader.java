package org.longtail4j.data.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.longtail4j.BadInputException;
import org.longtail4j.reports.Files2;

/**
 * {@code --download}: fetches the canonical dataset files and checks each against the MD5 sum the
 * dataset's authors publish.
 *
 * <p>A file is written to a temporary name in the target folder and moved to its real name only
 * once its checksum is right, so an interrupted or corrupted download never looks like data (the
 * readers would otherwise fail later with a less helpful message). A file that is already there with
 * the right checksum is not fetched again. Only the checksums the authors publish are used: the
 * Fashion-MNIST README lists them for the four .gz files, the CIFAR page for the four archives.
 */
public final class DatasetDownloader {

    /** Where the Fashion-MNIST README's download links point. */
    public static final URI FASHION_MNIST_BASE =
            URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    /** The CIFAR page's download folder (https://www.cs.toronto.edu/~kriz/cifar.html). */
    public static final URI CIFAR_BASE = URI.create("https://www.cs.toronto.edu/~kriz/");

    private static final List<String> FASHION_MNIST_FILES = List.of(
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    /** MD5 sums as published by the authors, by file name. */
    private static final Map<String, String> MD5 = Map.of(
            "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
            "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
            "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310",
            "cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
            "cifar-10-python.tar.gz", "c58f30108f718f92721af3b95e74349a",
            "cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8",
            "cifar-100-python.tar.gz", "eb9058c3a382ffc7106e4002c42a8d85");

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final URI fashionMnistBase;
    private final URI cifarBase;

    /** Downloads from the canonical locations. */
    public DatasetDownloader() {
        this(FASHION_MNIST_BASE, CIFAR_BASE);
    }

    /**
     * Downloads the same files, checked against the same checksums, from other folders: a mirror,
     * or a local server in tests.
     */
    public DatasetDownloader(URI fashionMnistBase, URI cifarBase) {
        this.fashionMnistBase = asFolder(fashionMnistBase);
        this.cifarBase = asFolder(cifarBase);
    }

    /** Downloads Fashion-MNIST from its canonical location; see {@link #downloadFashionMnist}. */
    public static Path fashionMnist(Path targetDir) {
        return new DatasetDownloader().downloadFashionMnist(targetDir);
    }

    /** Downloads a CIFAR archive from its canonical location; see {@link #downloadCifar}. */
    public static Path cifar(int numClasses, String version, Path targetDir) {
        return new DatasetDownloader().downloadCifar(numClasses, version, targetDir);
    }

    /**
     * Downloads the four Fashion-MNIST .gz files into {@code targetDir} (created if needed).
     *
     * @return {@code targetDir}, ready for {@link FashionMnistReader#read}
     * @throws BadInputException naming the URL when a download fails or its checksum is wrong
     */
    public Path downloadFashionMnist(Path targetDir) {
        for (String file : FASHION_MNIST_FILES) {
            download(fashionMnistBase.resolve(file), MD5.get(file), targetDir.resolve(file));
        }
        return targetDir;
    }

    /**
     * Downloads the canonical CIFAR archive (cifar-10-binary.tar.gz, ..., cifar-100-python.tar.gz)
     * into {@code targetDir} (created if needed). It is not unpacked: {@link CifarReader} reads it
     * as it is.
     *
     * @param numClasses 10 or 100
     * @param version "binary" or "python"
     * @return the archive
     * @throws BadInputException naming the URL when the download fails or its checksum is wrong
     */
    public Path downloadCifar(int numClasses, String version, Path targetDir) {
        String archive = CifarLayout.forClasses(numClasses).stream()
                .filter(layout -> layout.version().equals(version))
                .findFirst()
                .orElseThrow(() -> new BadInputException(
                        "CIFAR version '" + version + "', expected binary or python"))
                .archive();
        return download(cifarBase.resolve(archive), MD5.get(archive), targetDir.resolve(archive));
    }

    /** Fetches {@code url} into {@code target} unless {@code target} already has {@code expectedMd5}. */
    Path download(URI url, String expectedMd5, Path target) {
        if (Files.isRegularFile(target) && md5(target).equals(expectedMd5)) {
            return target;
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files2.newSibling(target, ".part");
            String actualMd5 = fetch(url, temp);
            if (!actualMd5.equals(expectedMd5)) {
                throw new BadInputException("download of " + url + " has MD5 " + actualMd5 + ", expected "
                        + expectedMd5 + " (the file was discarded)");
            }
            // same folder, so the move is a rename (replacing a stale file on POSIX and Windows):
            // the real name never holds a partial file
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new BadInputException("download of " + url + " to " + target + " failed (" + e + ")", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Streams the body of a 200 response into {@code file}; returns the body's MD5. */
    private String fetch(URI url, Path file) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(1)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while downloading " + url));
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new BadInputException("download of " + url + " failed: HTTP " + response.statusCode()
                        + ", expected 200");
            }
            MessageDigest md5 = newMd5();
            try (InputStream in = new DigestInputStream(body, md5)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return HexFormat.of().formatHex(md5.digest());
        }
    }

    private static String md5(Path file) {
        MessageDigest md5 = newMd5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new BadInputException("file " + file + ": cannot read (" + e + ")", e);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide MD5", e);
        }
    }

    private static URI asFolder(URI base) {
        return base.getPath().endsWith("/") ? base : URI.create(base + "/");
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the download already failed or succeeded; a leftover hidden .part file is harmless
        }
    }
}
