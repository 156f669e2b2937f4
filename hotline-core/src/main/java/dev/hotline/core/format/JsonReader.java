package dev.hotline.core.format;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser producing plain Java values: {@code Map<String, Object>} (member order kept),
 * {@code List<Object>}, {@code String}, {@code Long} for integers that fit, {@link BigNumber} for every other
 * number, {@code Boolean}, and {@code null}.
 *
 * <p>Strict means: no comments, trailing commas, single quotes, leading zeros, {@code NaN}, unescaped control
 * characters or trailing content; duplicate object keys are rejected too, since readers would disagree on
 * which one counts. Nesting deeper than {@link #MAX_DEPTH} is rejected before it can exhaust the stack.
 * A leading byte order mark is skipped. Every error is a {@link ProfileFormatException} naming line and column.
 */
final class JsonReader {
    static final int MAX_DEPTH = 256;
    /** Longer numbers are refused as soon as they pass this length, before the rest of them is read. */
    static final int MAX_NUMBER_LENGTH = 1000;

    /** A number that is not an integer in the range of {@code long}, kept as written. */
    record BigNumber(String text) {
        boolean isInteger() {
            return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        }
    }

    private final Reader in;
    private final char[] buf = new char[8192];
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;
    private int column = 1;
    private int depth;
    private int numberLine;
    private int numberColumn;
    private final StringBuilder sb = new StringBuilder();

    private JsonReader(Reader in) {
        this.in = in;
    }

    /** Parses one complete JSON document. */
    static Object parse(Reader in) throws IOException {
        return new JsonReader(in).document();
    }

    private Object document() throws IOException {
        if (peek() == '\uFEFF') next();
        skipWhitespace();
        if (peek() < 0) throw error("empty document");
        Object v = value();
        skipWhitespace();
        int c = peek();
        if (c >= 0) throw error("unexpected " + describe(c) + " after the end of the JSON value");
        return v;
    }

    private Object value() throws IOException {
        int c = peek();
        switch (c) {
            case '{': return object();
            case '[': return array();
            case '"': return string();
            case 't': literal("true"); return Boolean.TRUE;
            case 'f': literal("false"); return Boolean.FALSE;
            case 'n': literal("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error(c < 0 ? "unexpected end of input, expected a value" : "unexpected " + describe(c) + ", expected a value");
        }
    }

    private Map<String, Object> object() throws IOException {
        enter();
        next(); // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            next();
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw expected("a string key");
            int keyLine = line, keyColumn = column;
            String key = string();
            skipWhitespace();
            if (peek() != ':') throw expected("':' after key \"" + printable(key) + "\"");
            next();
            skipWhitespace();
            Object v = value();
            if (map.containsKey(key)) {
                throw new ProfileFormatException("duplicate key \"" + printable(key) + "\" at line " + keyLine + ", column " + keyColumn);
            }
            map.put(key, v);
            skipWhitespace();
            int c = next();
            if (c == '}') break;
            if (c != ',') throw expectedAfter(c, "',' or '}' in object");
        }
        depth--;
        return map;
    }

    private List<Object> array() throws IOException {
        enter();
        next(); // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            next();
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            int c = next();
            if (c == ']') break;
            if (c != ',') throw expectedAfter(c, "',' or ']' in array");
        }
        depth--;
        return list;
    }

    private void enter() throws ProfileFormatException {
        if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }

    private String string() throws IOException {
        next(); // opening quote
        sb.setLength(0);
        while (true) {
            int c = next();
            if (c < 0) throw error("unterminated string");
            if (c == '"') return sb.toString();
            if (c == '\\') {
                escape();
            } else if (c < 0x20) {
                throw errorBefore("unescaped control character " + hex(c) + " in string");
            } else {
                sb.append((char) c);
            }
        }
    }

    private void escape() throws IOException {
        int c = next();
        switch (c) {
            case '"': sb.append('"'); break;
            case '\\': sb.append('\\'); break;
            case '/': sb.append('/'); break;
            case 'b': sb.append('\b'); break;
            case 'f': sb.append('\f'); break;
            case 'n': sb.append('\n'); break;
            case 'r': sb.append('\r'); break;
            case 't': sb.append('\t'); break;
            case 'u': {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int h = next();
                    int d = Character.digit(h, 16);
                    if (h < 0 || h > 'f' || d < 0) throw errorBefore("invalid \\u escape: expected 4 hex digits");
                    v = v << 4 | d;
                }
                sb.append((char) v);
                break;
            }
            default:
                throw errorBefore(c < 0 ? "unterminated string" : "invalid escape \\" + (char) c + " in string");
        }
    }

    private Object number() throws IOException {
        numberLine = line;
        numberColumn = column;
        sb.setLength(0);
        if (peek() == '-') sb.append((char) next());
        int c = peek();
        if (c == '0') {
            sb.append((char) next());
            if (isDigit(peek())) throw error("leading zero in number");
        } else if (isDigit(c)) {
            digits();
        } else {
            throw expected("a digit");
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            sb.append((char) next());
            if (!isDigit(peek())) throw expected("a digit after '.'");
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            sb.append((char) next());
            if (peek() == '+' || peek() == '-') sb.append((char) next());
            if (!isDigit(peek())) throw expected("a digit in the exponent");
            digits();
        }
        String text = sb.toString();
        if (integer && text.length() <= 20) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException outOfRange) {
                // kept as a BigNumber below
            }
        }
        return new BigNumber(text);
    }

    private void digits() throws IOException {
        while (isDigit(peek())) {
            if (sb.length() >= MAX_NUMBER_LENGTH) {
                // Checked while reading: a file of millions of digits must not be held whole to be refused.
                throw new ProfileFormatException("number too long (more than " + MAX_NUMBER_LENGTH + " characters) at line "
                        + numberLine + ", column " + numberColumn);
            }
            sb.append((char) next());
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) throws IOException {
        for (int i = 0; i < word.length(); i++) {
            int c = peek();
            if (c != word.charAt(i)) {
                throw error(c < 0 ? "unexpected end of input in '" + word + "'" : "unexpected " + describe(c) + ", expected '" + word + "'");
            }
            next();
        }
    }

    private void skipWhitespace() throws IOException {
        while (true) {
            int c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            next();
        }
    }

    private int peek() throws IOException {
        if (pos == limit && !fill()) return -1;
        return buf[pos];
    }

    private int next() throws IOException {
        if (pos == limit && !fill()) return -1;
        char c = buf[pos++];
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n;
        try {
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
        } catch (CharacterCodingException e) {
            throw new ProfileFormatException("invalid character encoding (UTF-8 expected) near line " + line + ", column " + column, e);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private ProfileFormatException expected(String what) throws IOException {
        int c = peek();
        return error(c < 0 ? "unexpected end of input, expected " + what : "expected " + what + " but found " + describe(c));
    }

    /** For a character already consumed by {@link #next()}: the position reported is the character's own. */
    private ProfileFormatException expectedAfter(int c, String what) {
        if (c < 0) return error("unexpected end of input, expected " + what);
        return errorBefore("expected " + what + " but found " + describe(c));
    }

    private ProfileFormatException error(String message) {
        return new ProfileFormatException(message + " at line " + line + ", column " + column);
    }

    private ProfileFormatException errorBefore(String message) {
        return new ProfileFormatException(message + " at line " + line + ", column " + Math.max(1, column - 1));
    }

    private static String describe(int c) {
        if (c < 0x20 || c == 0x7f || Character.isSurrogate((char) c) || c == '\uFEFF') return "character " + hex(c);
        return "'" + (char) c + "'";
    }

    private static String hex(int c) {
        return String.format("U+%04X", c);
    }

    /** A key as shown in messages: bounded, control characters made visible. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64));
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? hex(c) : String.valueOf(c));
        }
        if (b.length() >= 60 && s.length() > 60) b.append("...");
        return b.toString();
    }
}
