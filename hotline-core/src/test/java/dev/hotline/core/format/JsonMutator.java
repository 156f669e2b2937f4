package dev.hotline.core.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Damages a JSON document the ways files get damaged or forged: flipped bits, cut ends, repeated or lost
 * stretches, stray brackets, numbers out of every range, deep nesting, odd Unicode and broken UTF-8. Each call
 * applies one to three mutations chosen by the given random source, so a fixed seed gives the same inputs.
 */
final class JsonMutator {
    private static final String[] NUMBERS = {
        "0", "-0", "-1", "-2", "1.5", "1e3", "1E400", "-1e-400", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "184467440737095516160000",
        "0.000000000000000000000000001", "1" + "0".repeat(1200), "01", "1.", ".5", "+1", "--1", "0x10", "NaN", "Infinity"
    };
    private static final String[] TOKENS = {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "\"\"", "{}", "[]", "[-1,-1,0,0,0]",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u12\"", "\"\\x41\"", "\u2028", "\uFEFF", "\uD83D\uDE00",
        "\"format\":\"hotline-profile\"", "\"version\":1", "//", "/*", "'", "\t", "\u0000", "\u007f"
    };

    private static final String[] DATES = {
        "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "+292278994-08-17T07:12:55.807Z",
        "+292278994-08-17T07:12:55.808Z", "-292275055-05-16T16:47:04.192Z", "-292275055-05-16T16:47:04.191Z",
        "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-21T10:15:30.123+01:00",
        "2026-11-21T25:00:00Z", "2026-11-21", "", "\u0032026-11-21T10:15:30Z"
    };

    private JsonMutator() {}

    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in;
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) b = once(b, r);
        return b;
    }

    private static byte[] once(byte[] b, Random r) {
        if (b.length == 0) return insert(b, 0, token(r));
        int at = r.nextInt(b.length);
        switch (r.nextInt(13)) {
            case 0: { // flip one bit
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1: // cut the end
                return Arrays.copyOf(b, at);
            case 2: { // repeat a stretch
                int len = Math.min(b.length - at, 1 + r.nextInt(200));
                return insert(b, at, Arrays.copyOfRange(b, at, at + len));
            }
            case 3: { // lose a stretch
                int len = Math.min(b.length - at, 1 + r.nextInt(100));
                return remove(b, at, len);
            }
            case 4: // a stray token or bracket
                return insert(b, at, token(r));
            case 5: // a number out of range, or no number at all
                return replaceNumber(b, r, NUMBERS[r.nextInt(NUMBERS.length)]);
            case 6: { // deep nesting, closed or not
                int depth = r.nextBoolean() ? 200 + r.nextInt(100) : 5_000 + r.nextInt(50_000);
                char open = r.nextBoolean() ? '[' : '{';
                String s = (open == '{' ? "{\"a\":" : "[").repeat(depth);
                if (r.nextBoolean()) s += "1" + (open == '{' ? "}" : "]").repeat(depth);
                return insert(b, valueStart(b, r), s.getBytes(StandardCharsets.UTF_8));
            }
            case 7: { // Unicode: any code point, a lone surrogate, BOMs, separators
                StringBuilder s = new StringBuilder();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int cp = r.nextInt(4) == 0 ? 0xD800 + r.nextInt(0x800) : r.nextInt(0x110000);
                    s.appendCodePoint(cp);
                }
                return insert(b, at, s.toString().getBytes(StandardCharsets.UTF_8));
            }
            case 8: { // broken UTF-8: stray continuation bytes, overlong forms, truncated sequences
                byte[][] bad = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}};
                return insert(b, at, bad[r.nextInt(bad.length)]);
            }
            case 9: { // swap two stretches
                int len = Math.min(b.length - at, 1 + r.nextInt(50));
                int other = r.nextInt(b.length);
                int len2 = Math.min(b.length - other, len);
                byte[] c = b.clone();
                byte[] x = Arrays.copyOfRange(b, at, at + len2);
                System.arraycopy(b, other, c, at, len2);
                System.arraycopy(x, 0, c, other, len2);
                return c;
            }
            case 10: { // a very long string or many elements: size, not shape
                String s = r.nextBoolean() ? "\"" + "x".repeat(100_000) + "\"" : "[" + "0,".repeat(50_000) + "0]";
                return insert(b, valueStart(b, r), s.getBytes(StandardCharsets.UTF_8));
            }
            case 11: // a date at the edges of what Instant or epoch milliseconds hold, or not a date
                return replaceStart(b, DATES[r.nextInt(DATES.length)]);
            default: { // a plausible value in the wrong place: another number, a null, a type change
                String[] values = {"null", "-1", "0", "\"\"", "[]", "{}", "true", "2147483647", "9223372036854775807"};
                return replaceNumber(b, r, values[r.nextInt(values.length)]);
            }
        }
    }

    /** The request's start replaced by {@code date}, or the document unchanged when it has none. */
    private static byte[] replaceStart(byte[] b, String date) {
        String text = new String(b, StandardCharsets.ISO_8859_1); // one char per byte: offsets stay byte offsets
        int at = text.indexOf("\"start\": \"");
        if (at < 0) return b;
        int from = at + "\"start\": \"".length();
        int to = text.indexOf('"', from);
        if (to < 0) return b;
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + date.length());
        out.write(b, 0, from);
        out.writeBytes(date.getBytes(StandardCharsets.UTF_8));
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private static byte[] token(Random r) {
        return TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
    }

    /** Just after a ':' or '[' somewhere, where a value starts; anywhere when there is none. */
    private static int valueStart(byte[] b, Random r) {
        int from = r.nextInt(b.length);
        for (int i = from; i < b.length; i++) {
            if (b[i] == ':' || b[i] == '[') return i + 1;
        }
        return from;
    }

    /** Replaces the run of digits (with its sign) at or after a random place by {@code with}. */
    private static byte[] replaceNumber(byte[] b, Random r, String with) {
        int i = r.nextInt(b.length);
        while (i < b.length && !(b[i] >= '0' && b[i] <= '9')) i++;
        if (i == b.length) return insert(b, r.nextInt(b.length + 1), with.getBytes(StandardCharsets.UTF_8));
        int start = i > 0 && b[i - 1] == '-' ? i - 1 : i;
        int end = i;
        while (end < b.length && b[end] >= '0' && b[end] <= '9') end++;
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + with.length());
        out.write(b, 0, start);
        out.writeBytes(with.getBytes(StandardCharsets.UTF_8));
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    private static byte[] remove(byte[] b, int at, int len) {
        byte[] c = new byte[b.length - len];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(b, at + len, c, at, b.length - at - len);
        return c;
    }
}
