package dev.hotline.core.format;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * A small streaming JSON writer. Each container is either multi-line (one member per indented line) or
 * inline, so large arrays stay readable and diffable without a pretty-printer pass.
 *
 * <p>Strings are escaped so the output is valid JSON whatever they hold, and is safe inside an HTML
 * {@code <script>} element and a JavaScript string: control characters, U+2028/U+2029 and lone
 * surrogates are written as <code>&#92;uXXXX</code>, {@code </} as {@code <\/} and {@code <!} as <code>&#92;u003c!</code>.
 * Misuse (a value where a name is due, unbalanced ends) is a programming error: {@link IllegalStateException}.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    // Per open container: whether it is an object, multi-line, how many members it has, whether a name waits for its value.
    private boolean[] isObject = new boolean[16];
    private boolean[] multiline = new boolean[16];
    private int[] count = new int[16];
    private boolean nameWritten;
    private int depth;
    private boolean started; // the top-level value has begun: a document holds one

    JsonWriter(Writer out) {
        this.out = out;
    }

    JsonWriter beginObject(boolean multiLine) throws IOException {
        beforeValue();
        out.write('{');
        push(true, multiLine);
        return this;
    }

    JsonWriter endObject() throws IOException {
        return end(true, '}');
    }

    JsonWriter beginArray(boolean multiLine) throws IOException {
        beforeValue();
        out.write('[');
        push(false, multiLine);
        return this;
    }

    JsonWriter endArray() throws IOException {
        return end(false, ']');
    }

    JsonWriter name(String name) throws IOException {
        if (depth == 0 || !isObject[depth - 1] || nameWritten) throw new IllegalStateException("name not expected here");
        separator();
        string(name);
        out.write(": ");
        nameWritten = true;
        return this;
    }

    JsonWriter value(String s) throws IOException {
        if (s == null) return nullValue();
        beforeValue();
        string(s);
        return this;
    }

    JsonWriter value(long v) throws IOException {
        beforeValue();
        out.write(Long.toString(v));
        return this;
    }

    JsonWriter value(boolean v) throws IOException {
        beforeValue();
        out.write(v ? "true" : "false");
        return this;
    }

    JsonWriter nullValue() throws IOException {
        beforeValue();
        out.write("null");
        return this;
    }

    /** Writes the final newline and flushes; the writer must hold one complete value. */
    void finish() throws IOException {
        if (depth != 0 || !started) throw new IllegalStateException("incomplete document");
        out.write('\n');
        out.flush();
    }

    private void beforeValue() throws IOException {
        if (depth == 0) {
            if (started) throw new IllegalStateException("document already has its value");
            started = true;
            return;
        }
        if (isObject[depth - 1]) {
            if (!nameWritten) throw new IllegalStateException("object member needs a name first");
            nameWritten = false;
            return;
        }
        separator();
    }

    private void separator() throws IOException {
        int i = depth - 1;
        if (count[i]++ > 0) out.write(multiline[i] ? "," : ", ");
        if (multiline[i]) newline(depth);
    }

    private void push(boolean object, boolean multiLine) {
        if (depth == isObject.length) {
            isObject = Arrays.copyOf(isObject, depth * 2);
            multiline = Arrays.copyOf(multiline, depth * 2);
            count = Arrays.copyOf(count, depth * 2);
        }
        isObject[depth] = object;
        multiline[depth] = multiLine;
        count[depth] = 0;
        depth++;
    }

    private JsonWriter end(boolean object, char close) throws IOException {
        if (depth == 0 || isObject[depth - 1] != object || nameWritten) throw new IllegalStateException("unbalanced " + close);
        depth--;
        if (multiline[depth] && count[depth] > 0) newline(depth);
        out.write(close);
        return this;
    }

    private void newline(int level) throws IOException {
        out.write('\n');
        // Indent by the multi-line containers only: inline ones add no line breaks.
        int indent = 0;
        for (int i = 0; i < level; i++) if (multiline[i]) indent++;
        for (int i = 0; i < indent; i++) out.write("  ");
    }

    private void string(String s) throws IOException {
        out.write('"');
        int n = s.length();
        int run = 0; // start of the pending run of characters that need no escaping
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = escape(s, i, c);
            if (escape != null) {
                out.write(s, run, i - run);
                out.write(escape);
                run = i + 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a valid pair passes through
            }
        }
        out.write(s, run, n - run);
        out.write('"');
    }

    private static String escape(String s, int i, char c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\b': return "\\b";
            case '\f': return "\\f";
            case '/': return i > 0 && s.charAt(i - 1) == '<' ? "\\/" : null;
            case '<': return i + 1 < s.length() && s.charAt(i + 1) == '!' ? unicode(c) : null;
            default:
                if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') return unicode(c);
                if (Character.isLowSurrogate(c)) return unicode(c); // a low surrogate not consumed by a pair
                if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))) {
                    return unicode(c);
                }
                return null;
        }
    }

    private static String unicode(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
}
