package org.longtail4j.data.formats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pickle one opcode at a time, so a test can lay down exactly the byte stream a given
 * Python would write. Opcode values and argument encodings are those of Python's pickle protocol 2
 * (Lib/pickletools.py documents each one); integers in arguments are little-endian.
 */
final class PickleWriter {

    static final int MARK = '(';
    static final int STOP = '.';
    static final int EMPTY_DICT = '}';
    static final int EMPTY_LIST = ']';
    static final int APPENDS = 'e';
    static final int SETITEMS = 'u';
    static final int TUPLE = 't';
    static final int TUPLE1 = 0x85;
    static final int TUPLE2 = 0x86;
    static final int TUPLE3 = 0x87;
    static final int REDUCE = 'R';
    static final int BUILD = 'b';
    static final int NONE = 'N';
    static final int NEWTRUE = 0x88;
    static final int NEWFALSE = 0x89;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int memoSize;

    /** PROTO 2: every protocol-2 pickle starts with 0x80 0x02. */
    PickleWriter proto2() {
        return op(0x80).raw(2);
    }

    PickleWriter op(int opcode) {
        return raw(opcode);
    }

    /** BINPUT n: stores the top of the stack under the next memo index, as the picklers do. */
    PickleWriter put() {
        if (memoSize > 255) {
            throw new IllegalStateException("test pickles stay under 256 memo entries (BINPUT has one byte)");
        }
        return op('q').raw(memoSize++);
    }

    /** BININT1 (0..255), BININT2 (..65535) or BININT (4 bytes, signed), the shortest that fits. */
    PickleWriter integer(int value) {
        if (value >= 0 && value < 256) {
            return op('K').raw(value);
        }
        if (value >= 0 && value < 65536) {
            return op('M').raw(value & 0xFF).raw(value >>> 8);
        }
        return op('J').le4(value);
    }

    /** A Python 2 str: SHORT_BINSTRING (1-byte length) or BINSTRING (4-byte length), bytes as is. */
    PickleWriter py2Str(byte[] bytes) {
        if (bytes.length < 256) {
            op('U').raw(bytes.length);
        } else {
            op('T').le4(bytes.length);
        }
        out.writeBytes(bytes);
        return this;
    }

    PickleWriter py2Str(String latin1) {
        return py2Str(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** BINUNICODE: a Python 3 str (or Python 2 unicode), 4-byte length then UTF-8. */
    PickleWriter unicode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        op('X').le4(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /** GLOBAL: "c" module "\n" name "\n", pushes the named class or function. */
    PickleWriter global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Arbitrary bytes, for streams that are deliberately not pickles. */
    PickleWriter raw(int b) {
        out.write(b);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private PickleWriter le4(int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }
}
