package dev.hotline.bench.app;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/** Writes records, collections, maps, strings and numbers as JSON by reflection, the way Jackson walks a bean. */
final class JsonWriter {
    String write(Object value) {
        StringBuilder out = new StringBuilder(2048);
        value(out, value);
        return out.toString();
    }

    private void value(StringBuilder out, Object v) {
        if (v == null) out.append("null");
        else if (v instanceof String s) string(out, s);
        else if (v instanceof Number || v instanceof Boolean) out.append(v);
        else if (v instanceof Collection<?> c) array(out, c);
        else if (v instanceof Map<?, ?> m) object(out, m);
        else if (v.getClass().isRecord()) record(out, v);
        else string(out, v.toString());
    }

    private void array(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) out.append(',');
            first = false;
            value(out, item);
        }
        out.append(']');
    }

    private void object(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) out.append(',');
            first = false;
            string(out, String.valueOf(e.getKey()));
            out.append(':');
            value(out, e.getValue());
        }
        out.append('}');
    }

    private void record(StringBuilder out, Object record) {
        out.append('{');
        boolean first = true;
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (!first) out.append(',');
            first = false;
            string(out, c.getName());
            out.append(':');
            value(out, read(c, record));
        }
        out.append('}');
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (ch < 0x20) out.append(String.format("\\u%04x", (int) ch));
                    else out.append(ch);
                }
            }
        }
        out.append('"');
    }
}
