package org.longtail4j.data.formats;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.longtail4j.BadInputException;
import org.longtail4j.util.IoErrors;

/**
 * One IDX file of unsigned bytes (the MNIST family's format): a big-endian header of magic number
 * and dimensions, then the values.
 *
 * <p>Kept apart from {@link FashionMnistReader} because the format knows nothing about clothes: the
 * reader decides which files and which magic it wants, this class only checks that the bytes say so.
 * The whole file is decompressed into memory (47 MB for the largest Fashion-MNIST file) because
 * every value is needed anyway and a byte array is what {@link org.longtail4j.data.ImageDataset}
 * keeps.
 */
final class IdxFile {

    /** IDX magic of a 1-D unsigned-byte file (labels): type 0x08, 1 dimension. */
    static final int LABELS_MAGIC = 0x00000801;
    /** IDX magic of a 3-D unsigned-byte file (images): type 0x08, 3 dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;

    private final int[] dims;
    private final byte[] values;

    private IdxFile(int[] dims, byte[] values) {
        this.dims = dims;
        this.values = values;
    }

    /**
     * Reads {@code file} (gunzipped when its name ends in {@code .gz}) and checks that it starts with
     * {@code expectedMagic} and holds exactly as many values as its dimensions promise.
     */
    static IdxFile read(Path file, int expectedMagic) {
        byte[] bytes = contents(file);
        int rank = expectedMagic & 0xFF;
        int headerBytes = 4 + 4 * rank;
        if (bytes.length < 4) {
            throw new BadInputException(String.format("file %s: %d bytes, expected an IDX file starting with"
                    + " the magic number 0x%08X", file, bytes.length, expectedMagic));
        }
        ByteBuffer header = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int magic = header.getInt();
        if (magic != expectedMagic) {
            throw new BadInputException(String.format(
                    "file %s: IDX magic number 0x%08X, expected 0x%08X", file, magic, expectedMagic));
        }
        if (bytes.length < headerBytes) {
            throw new BadInputException("file " + file + ": " + bytes.length
                    + " bytes is too short for the IDX header, expected " + headerBytes + " bytes");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = header.getInt();
            if (dims[i] < 0) {
                throw new BadInputException("file " + file + ": dimension " + i + " is "
                        + Integer.toUnsignedString(dims[i]) + ", expected at most " + Integer.MAX_VALUE);
            }
            count *= dims[i];
        }
        long got = bytes.length - headerBytes;
        if (got != count) {
            throw new BadInputException("file " + file + ": expected " + count + " bytes of data after the "
                    + headerBytes + "-byte header, got " + got);
        }
        byte[] values = new byte[(int) count];
        System.arraycopy(bytes, headerBytes, values, 0, values.length);
        return new IdxFile(dims, values);
    }

    /** Size of dimension {@code i} from the header (dimension 0 is the number of items). */
    int dim(int i) {
        return dims[i];
    }

    /** The values, row-major as stored. */
    byte[] values() {
        return values;
    }

    private static byte[] contents(Path file) {
        boolean gzipped = file.getFileName().toString().endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzipped ? new GZIPInputStream(raw) : raw) {
            return in.readAllBytes();
        } catch (ZipException e) {
            // GZIPInputStream says "Not in GZIP format" for a wrong header and other texts for bad data
            throw new BadInputException("file " + file + ": not a valid gzip file (" + e.getMessage()
                    + "), expected gzip-compressed IDX data", e);
        } catch (EOFException e) {
            throw new BadInputException("file " + file + ": gzip data ends early (" + e.getMessage()
                    + "), expected a complete gzip stream", e);
        } catch (IOException e) {
            throw new BadInputException("file " + file + ": cannot read (" + IoErrors.reason(e) + ")", e);
        }
    }
}
