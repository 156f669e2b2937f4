package dev.hotline.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer that encodes protocol buffer fields (the wire format of protobuf 2 and 3): varints,
 * length-delimited strings and messages, packed repeated varints. Embedded messages are encoded into their own
 * buffer first, since their length is written before them.
 *
 * <p>Scalars equal to 0 or {@code false} are left out, as proto3 encoders do: a reader takes an absent field
 * as its default, and the output is the same bytes every time.
 */
final class ProtobufOutput {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private byte[] buf = new byte[64];
    private int size;

    int size() {
        return size;
    }

    /** An {@code int64}, {@code uint64} or enum field; left out when 0. */
    ProtobufOutput int64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
        return this;
    }

    /** A {@code bool} field; left out when false. */
    ProtobufOutput bool(int field, boolean value) {
        return int64(field, value ? 1 : 0);
    }

    /**
     * One element of a {@code repeated string} field, always written, even when empty (the string table
     * needs its empty first entry). Unpaired surrogates become {@code ?}: protobuf strings must be UTF-8.
     */
    ProtobufOutput string(int field, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        tag(field, LENGTH_DELIMITED);
        varint(utf8.length);
        append(utf8, 0, utf8.length);
        return this;
    }

    /** An embedded message, or one element of a repeated message field: always written. */
    ProtobufOutput message(int field, ProtobufOutput message) {
        tag(field, LENGTH_DELIMITED);
        varint(message.size);
        append(message.buf, 0, message.size);
        return this;
    }

    /** A packed repeated varint field holding {@code values[0..count)}; left out when empty. */
    ProtobufOutput packed(int field, long[] values, int count) {
        if (count == 0) return this;
        int length = 0;
        for (int i = 0; i < count; i++) length += varintSize(values[i]);
        tag(field, LENGTH_DELIMITED);
        varint(length);
        for (int i = 0; i < count; i++) varint(values[i]);
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    /** Base-128, least significant group first; a negative value takes ten bytes (two's complement). */
    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private void append(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) throw new IllegalStateException("protobuf message over 2 GiB");
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
