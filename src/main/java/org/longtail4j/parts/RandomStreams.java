package org.longtail4j.parts;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.longtail4j.util.Seeds;

/**
 * The one function every random stream of a run comes from: (run seed, stage, purpose, position...).
 * Keying by stage keeps stage 2's crops and fusion draws apart from stage 1's at the same epoch and
 * iteration; keying by purpose keeps two samplers of one stage apart. The full 64-bit seed is used.
 *
 * @param seed the run's seed
 * @param stage the stage's name ("stage1", "crt", ...)
 */
public record RandomStreams(long seed, String stage) {

    /** The generator for {@code purpose} at {@code position} (epoch, iteration, item, ... as needed). */
    public SplittableRandom stream(String purpose, long... position) {
        long[] keys = new long[position.length + 2];
        keys[0] = key(stage);
        keys[1] = key(purpose);
        System.arraycopy(position, 0, keys, 2, position.length);
        return Seeds.stream(seed, keys);
    }

    /** A 64-bit FNV-1a hash of a name: stable across runs and JVMs, unlike identity hashes. */
    static long key(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
