package dev.hotline.ui;

/**
 * A compact JSON writer for the API's answers. Strings are escaped so that the text is safe even if a browser
 * were to read it as HTML or a script: {@code < > &} and the line separators become {@code \\u} escapes.
 */
final class Json {
    private final StringBuilder out = new StringBuilder(256);
    private boolean needComma;

    Json beginObject() { sep(); out.append('{'); needComma = false; return this; }
    Json endObject() { out.append('}'); needComma = true; return this; }
    Json beginArray() { sep(); out.append('['); needComma = false; return this; }
    Json endArray() { out.append(']'); needComma = true; return this; }

    Json name(String name) {
        sep();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    Json value(String s) {
        sep();
        if (s == null) out.append("null"); else string(s);
        needComma = true;
        return this;
    }

    Json value(long v) { sep(); out.append(v); needComma = true; return this; }
    Json value(boolean v) { sep(); out.append(v); needComma = true; return this; }

    /** A number with up to three decimals, never in exponent form. */
    Json millis(double v) {
        sep();
        out.append(Math.round(v * 1000) / 1000.0);
        needComma = true;
        return this;
    }

    /** Already-encoded JSON (a profile document). */
    Json raw(String json) { sep(); out.append(json); needComma = true; return this; }

    Json field(String name, String v) { return name(name).value(v); }
    Json field(String name, long v) { return name(name).value(v); }
    Json field(String name, boolean v) { return name(name).value(v); }

    private void sep() {
        if (needComma) out.append(',');
        needComma = false;
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\'' || c == 0x2028 || c == 0x2029
                            || Character.isSurrogate(c) && !validPair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A lone surrogate is escaped rather than written as invalid UTF-8. */
    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String error(String message) {
        return new Json().beginObject().field("error", message).endObject().toString();
    }
}
