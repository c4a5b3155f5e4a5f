package org.longtail4j.data.formats;

import static org.longtail4j.data.formats.PickleWriter.APPENDS;
import static org.longtail4j.data.formats.PickleWriter.BUILD;
import static org.longtail4j.data.formats.PickleWriter.EMPTY_DICT;
import static org.longtail4j.data.formats.PickleWriter.EMPTY_LIST;
import static org.longtail4j.data.formats.PickleWriter.MARK;
import static org.longtail4j.data.formats.PickleWriter.NEWFALSE;
import static org.longtail4j.data.formats.PickleWriter.NEWTRUE;
import static org.longtail4j.data.formats.PickleWriter.NONE;
import static org.longtail4j.data.formats.PickleWriter.REDUCE;
import static org.longtail4j.data.formats.PickleWriter.SETITEMS;
import static org.longtail4j.data.formats.PickleWriter.STOP;
import static org.longtail4j.data.formats.PickleWriter.TUPLE;
import static org.longtail4j.data.formats.PickleWriter.TUPLE1;
import static org.longtail4j.data.formats.PickleWriter.TUPLE2;
import static org.longtail4j.data.formats.PickleWriter.TUPLE3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small CIFAR files in the exact published formats, with pixel values known from a formula. */
final class CifarTestFiles {

    static final List<String> CIFAR10_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private CifarTestFiles() {
    }

    /**
     * Byte {@code offset} (channel * 1024 + row * 32 + column) of image {@code image}: differs between
     * neighbouring images, channels, rows and columns, so a shifted or transposed read shows.
     */
    static int value(int image, int offset) {
        int channel = offset / 1024;
        int row = offset / 32 % 32;
        int column = offset % 32;
        return (image * 37 + channel * 85 + row * 11 + column * 3) % 256;
    }

    /** {@code count} images numbered from {@code firstImage}, 3072 bytes each. */
    static byte[] pixels(int firstImage, int count) {
        byte[] bytes = new byte[count * 3072];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 3072; j++) {
                bytes[i * 3072 + j] = (byte) value(firstImage + i, j);
            }
        }
        return bytes;
    }

    /**
     * Binary-version records: [coarse label,] label, 3072 pixel bytes. {@code coarse} is null for
     * CIFAR-10, whose records have one label byte.
     */
    static byte[] binaryRecords(int firstImage, int[] labels, int[] coarse) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] pixels = pixels(firstImage, labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (coarse != null) {
                out.write(coarse[i]);
            }
            out.write(labels[i]);
            out.write(pixels, i * 3072, 3072);
        }
        return out.toByteArray();
    }

    /** A CIFAR batch of images numbered from {@code firstImage}, pickled as Python 2's cPickle writes it. */
    static byte[] python2Batch(int firstImage, String labelsKey, int[] labels) {
        return python2Batch("data", new int[] {labels.length, 3072}, "u1", pixels(firstImage, labels.length),
                labelsKey, labels);
    }

    /**
     * A CIFAR batch dict pickled with protocol 2 as Python 2's cPickle writes it (every memoizable
     * object is followed by BINPUT, left out below):
     * <pre>
     * PROTO 2, EMPTY_DICT, MARK,
     *   SHORT_BINSTRING dataKey,
     *     GLOBAL 'numpy.core.multiarray _reconstruct',
     *     GLOBAL 'numpy ndarray', BININT1 0, TUPLE1, SHORT_BINSTRING 'b', TUPLE3, REDUCE,
     *     MARK, BININT1 1,                                   (state version)
     *           BININT1 rows, BININT2 columns, TUPLE2,       (shape)
     *           GLOBAL 'numpy dtype', SHORT_BINSTRING dtype, BININT1 0, BININT1 1, TUPLE3, REDUCE,
     *           MARK, BININT1 3, SHORT_BINSTRING byte order, NONE, NONE, NONE,
     *                 BININT -1, BININT -1, BININT1 0, TUPLE, BUILD,   (dtype state)
     *           NEWFALSE,                                    (is_fortran)
     *           BINSTRING raw bytes,                         (the array's memory, a py2 str)
     *     TUPLE, BUILD,
     *   SHORT_BINSTRING labelsKey, EMPTY_LIST, then MARK, BININT1 label ..., APPENDS per 3 labels,
     *   [SHORT_BINSTRING 'coarse_labels', the same list shape]   (when labelsKey is fine_labels)
     *   SHORT_BINSTRING 'batch_label', SHORT_BINSTRING 'training batch 1 of 5',
     *   SHORT_BINSTRING 'filenames', EMPTY_LIST, MARK, SHORT_BINSTRING name ..., APPENDS,
     * SETITEMS, STOP
     * </pre>
     * cPickle appends list items in groups (of 1000); groups of 3 here make a handful of labels
     * take more than one APPENDS.
     */
    static byte[] python2Batch(String dataKey, int[] shape, String dtype, byte[] raw, String labelsKey, int[] labels) {
        PickleWriter w = new PickleWriter().proto2().op(EMPTY_DICT).put().op(MARK);
        w.py2Str(dataKey).put();
        w.global("numpy.core.multiarray", "_reconstruct").put();
        w.global("numpy", "ndarray").put().integer(0).op(TUPLE1).put().py2Str("b").put().op(TUPLE3).put()
                .op(REDUCE).put();
        w.op(MARK).integer(1);
        w.integer(shape[0]).integer(shape[1]).op(TUPLE2).put();
        w.global("numpy", "dtype").put().py2Str(dtype).put().integer(0).integer(1).op(TUPLE3).put().op(REDUCE).put();
        w.op(MARK).integer(3).py2Str(dtype.equals("u1") ? "|" : "<").put().op(NONE).op(NONE).op(NONE)
                .integer(-1).integer(-1).integer(0).op(TUPLE).put().op(BUILD);
        w.op(NEWFALSE);
        w.py2Str(raw).put();
        w.op(TUPLE).put().op(BUILD);

        w.py2Str(labelsKey).put();
        python2IntList(w, labels);
        if (labelsKey.equals("fine_labels")) {
            int[] coarse = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                coarse[i] = labels[i] / 5;
            }
            w.py2Str("coarse_labels").put();
            python2IntList(w, coarse);
        }
        w.py2Str("batch_label").put().py2Str("training batch 1 of 5").put();
        w.py2Str("filenames").put().op(EMPTY_LIST).put().op(MARK);
        for (int i = 0; i < labels.length; i++) {
            w.py2Str("image_" + i + ".png").put();
        }
        w.op(APPENDS);
        return w.op(SETITEMS).op(STOP).bytes();
    }

    /**
     * A class-names dict as in batches.meta / meta, pickled by Python 2:
     * PROTO 2, EMPTY_DICT, MARK, SHORT_BINSTRING key, EMPTY_LIST, MARK, SHORT_BINSTRING name ...,
     * APPENDS, SHORT_BINSTRING 'num_cases_per_batch', BININT2 10000, SETITEMS, STOP.
     */
    static byte[] python2Names(String key, List<String> names) {
        PickleWriter w = new PickleWriter().proto2().op(EMPTY_DICT).put().op(MARK);
        w.py2Str(key).put().op(EMPTY_LIST).put().op(MARK);
        for (String name : names) {
            w.py2Str(name).put();
        }
        w.op(APPENDS);
        w.py2Str("num_cases_per_batch").put().integer(10000);
        return w.op(SETITEMS).op(STOP).bytes();
    }

    /**
     * The same batch re-pickled by Python 3 under numpy 2, protocol 2: keys are unicode (BINUNICODE),
     * bytes objects are {@code _codecs.encode(unicode, 'latin1')} (GLOBAL '_codecs encode', BINUNICODE
     * text, BINUNICODE 'latin1', TUPLE2, REDUCE), the array comes from GLOBAL
     * 'numpy._core.multiarray _reconstruct', and the dtype flags are NEWFALSE / NEWTRUE:
     * <pre>
     * PROTO 2, EMPTY_DICT, MARK,
     *   BINUNICODE 'data', GLOBAL 'numpy._core.multiarray _reconstruct',
     *     GLOBAL 'numpy ndarray', BININT1 0, TUPLE1, bytes b'b', TUPLE3, REDUCE,
     *     MARK, BININT1 1, (BININT1 rows, BININT2 3072, TUPLE2),
     *           GLOBAL 'numpy dtype', BINUNICODE 'u1', NEWFALSE, NEWTRUE, TUPLE3, REDUCE,
     *           MARK, BININT1 3, BINUNICODE '|', NONE x3, BININT -1, BININT -1, BININT1 0, TUPLE, BUILD,
     *           NEWFALSE, bytes raw,
     *     TUPLE, BUILD,
     *   BINUNICODE labelsKey, EMPTY_LIST, MARK, BININT1 label ..., APPENDS,
     * SETITEMS, STOP
     * </pre>
     */
    static byte[] python3Batch(int firstImage, String labelsKey, int[] labels) {
        PickleWriter w = new PickleWriter().proto2().op(EMPTY_DICT).put().op(MARK);
        w.unicode("data").put();
        w.global("numpy._core.multiarray", "_reconstruct").put();
        w.global("numpy", "ndarray").put().integer(0).op(TUPLE1).put();
        python3Bytes(w, new byte[] {'b'});
        w.op(TUPLE3).put().op(REDUCE).put();
        w.op(MARK).integer(1).integer(labels.length).integer(3072).op(TUPLE2).put();
        w.global("numpy", "dtype").put().unicode("u1").put().op(NEWFALSE).op(NEWTRUE).op(TUPLE3).put()
                .op(REDUCE).put();
        w.op(MARK).integer(3).unicode("|").put().op(NONE).op(NONE).op(NONE)
                .integer(-1).integer(-1).integer(0).op(TUPLE).put().op(BUILD);
        w.op(NEWFALSE);
        python3Bytes(w, pixels(firstImage, labels.length));
        w.op(TUPLE).put().op(BUILD);
        w.unicode(labelsKey).put().op(EMPTY_LIST).put().op(MARK);
        for (int label : labels) {
            w.integer(label);
        }
        w.op(APPENDS);
        return w.op(SETITEMS).op(STOP).bytes();
    }

    /** A .tar.gz with the given members, in map order, under their folder's directory entry. */
    static byte[] tarGz(String folder, Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry(folder + "/"));
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(folder + "/" + member.getKey());
                entry.setSize(member.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(member.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void python2IntList(PickleWriter w, int[] values) {
        w.op(EMPTY_LIST).put();
        for (int start = 0; start < values.length; start += 3) {
            w.op(MARK);
            for (int i = start; i < Math.min(start + 3, values.length); i++) {
                w.integer(values[i]);
            }
            w.op(APPENDS);
        }
    }

    /** Python 3 bytes under protocol 2: _codecs.encode(the bytes as a latin-1 str, 'latin1'). */
    private static void python3Bytes(PickleWriter w, byte[] bytes) {
        w.global("_codecs", "encode").put()
                .unicode(new String(bytes, StandardCharsets.ISO_8859_1)).put()
                .unicode("latin1").put()
                .op(TUPLE2).put().op(REDUCE).put();
    }
}
