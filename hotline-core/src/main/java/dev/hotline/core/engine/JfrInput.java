package dev.hotline.core.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads JFR's encodings from a buffer at a moving position, never past a limit: every read that would cross
 * it, and every count larger than the bytes left, is an {@link IOException} rather than garbage, a hang or an
 * {@link OutOfMemoryError}.
 *
 * <p>Integers are compressed, as async-profiler always writes them (the chunk header's feature bit 0): {@code
 * short}, {@code char}, {@code int} and {@code long} are LEB128 varints, at most 9 bytes, the ninth carrying 8
 * bits.
 */
final class JfrInput {
    private ByteBuffer buf;
    private int pos;
    private int limit;
    private byte[] text = new byte[64];

    /** Reads {@code buf} in {@code [pos, limit)}. */
    void reset(ByteBuffer buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    int position() { return pos; }
    int limit() { return limit; }
    int remaining() { return limit - pos; }

    void position(int pos) throws IOException {
        if (pos < 0 || pos > limit) throw error("position " + pos + " is outside the chunk");
        this.pos = pos;
    }

    /** Moves the limit, which must stay within the buffer. */
    void limit(int limit) throws IOException {
        if (limit < 0 || limit > buf.limit()) throw error("limit " + limit + " is outside the buffer");
        this.limit = limit;
    }

    IOException error(String what) {
        return new IOException("malformed JFR data at byte " + pos + ": " + what);
    }

    int u1() throws IOException {
        if (pos >= limit) throw error("truncated");
        return buf.get(pos++) & 0xff;
    }

    void skip(long n) throws IOException {
        if (n < 0 || n > limit - pos) throw error("cannot skip " + n + " bytes, " + (limit - pos) + " left");
        pos += (int) n;
    }

    long varLong() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            int b = u1();
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) return v;
        }
        return v | (long) u1() << 56;
    }

    /** Skips {@code n} varints, whatever their values: the bulk of what a chunk repeats, its stack traces. */
    void skipVarints(long n) throws IOException {
        int p = pos;
        for (; n > 0; n--) {
            for (int k = 0; ; k++) {
                if (p >= limit) {
                    pos = p;
                    throw error("truncated");
                }
                if (buf.get(p++) >= 0 || k == 8) break;
            }
        }
        pos = p;
    }

    int readInt() throws IOException {
        return (int) varLong();
    }

    long readLong() throws IOException {
        return varLong();
    }

    /** {@code short} and {@code char}. */
    int readShort() throws IOException {
        return (int) varLong();
    }

    /** A count of items each at least {@code minBytes} long, checked against what is left. */
    int count(String what, int minBytes) throws IOException {
        long n = varLong();
        if (n < 0 || n > (long) (limit - pos) / Math.max(1, minBytes)) {
            throw error(what + " count " + n + " exceeds the " + (limit - pos) + " bytes left");
        }
        return (int) n;
    }

    static final int STRING_NULL = 0;
    static final int STRING_EMPTY = 1;
    static final int STRING_CONSTANT = 2;
    static final int STRING_UTF8 = 3;
    static final int STRING_CHARS = 4;
    static final int STRING_LATIN1 = 5;

    /** Skips a string; a constant-pool reference is skipped too, never followed. */
    void skipString() throws IOException {
        int encoding = u1();
        switch (encoding) {
            case STRING_NULL, STRING_EMPTY -> { }
            case STRING_CONSTANT -> readLong();
            case STRING_UTF8, STRING_LATIN1 -> skip(count("string byte", 1));
            case STRING_CHARS -> {
                for (int n = count("string char", 1); n > 0; n--) readShort();
            }
            default -> throw error("unknown string encoding " + encoding);
        }
    }

    /**
     * Reads an inline string; {@code pool} resolves a constant-pool reference ({@code null}: none allowed).
     */
    String readString(StringPool pool) throws IOException {
        int encoding = u1();
        switch (encoding) {
            case STRING_NULL: return null;
            case STRING_EMPTY: return "";
            case STRING_CONSTANT: {
                long key = readLong();
                if (pool == null) throw error("string constant " + key + " where none is allowed");
                return pool.string(key);
            }
            case STRING_UTF8:
            case STRING_LATIN1: {
                int n = count("string byte", 1);
                if (text.length < n) text = new byte[Math.max(n, text.length * 2)];
                buf.get(pos, text, 0, n);
                pos += n;
                return new String(text, 0, n, encoding == STRING_UTF8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            }
            case STRING_CHARS: {
                int n = count("string char", 1);
                char[] chars = new char[n];
                for (int i = 0; i < n; i++) chars[i] = (char) readShort();
                return new String(chars);
            }
            default:
                throw error("unknown string encoding " + encoding);
        }
    }

    /** Strings referred to by key, from the chunk's {@code java.lang.String} constant pool. */
    interface StringPool {
        String string(long key) throws IOException;
    }

    /** Whether {@code length} bytes from {@code pos} equal {@code bytes}. */
    boolean regionEquals(int pos, int length, byte[] bytes) {
        if (bytes == null || bytes.length != length) return false;
        return buf.slice(pos, length).equals(ByteBuffer.wrap(bytes));
    }

    byte[] copy(int pos, int length) {
        byte[] out = new byte[length];
        buf.get(pos, out);
        return out;
    }
}
