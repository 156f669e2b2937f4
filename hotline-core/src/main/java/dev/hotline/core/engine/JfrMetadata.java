package dev.hotline.core.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a JFR chunk declares in its metadata event: for each, its id, name and fields in the order their
 * values are written. Reading values through these, rather than through ids and layouts known in advance,
 * lets a different writer fail with a message naming what it lacks instead of being read as garbage.
 */
final class JfrMetadata {
    static final int BOOLEAN = 0, BYTE = 1, CHAR = 2, SHORT = 3, INT = 4, LONG = 5, FLOAT = 6, DOUBLE = 7,
            STRING = 8, COMPLEX = 9;
    /** Deepest nesting of inline values followed; JFR's own types nest three levels at most. */
    private static final int MAX_DEPTH = 64;

    static final class Type {
        final long id;
        final String name;
        final int kind;
        Field[] fields = new Field[0];
        /** Fewest bytes a value takes, so counts can be checked against the bytes left. */
        int minBytes = -1;
        /**
         * How many varints a value is when each of its fields is a constant-pool key, char, short, int or
         * long ({@code jdk.types.StackFrame}), else -1: such values are skipped without looking at their fields.
         */
        int varints = -1;

        Type(long id, String name) {
            this.id = id;
            this.name = name;
            this.kind = kindOf(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class Field {
        final String name;
        final long typeId;
        final boolean constant;
        final boolean array;
        Type type;

        Field(String name, long typeId, boolean constant, boolean array) {
            this.name = name;
            this.typeId = typeId;
            this.constant = constant;
            this.array = array;
        }
    }

    private final Map<String, Type> byName = new HashMap<>();
    private final Map<Long, Type> byId = new HashMap<>();
    Type byId(long id) {
        return byId.get(id);
    }

    /** The type named {@code name}, or {@code null} when the chunk does not declare it. */
    Type byName(String name) {
        return byName.get(name);
    }

    Type require(String name) throws IOException {
        Type t = byName.get(name);
        if (t == null) throw new IOException("the JFR metadata declares no type " + name);
        return t;
    }

    /**
     * The index of field {@code name} of {@code type}, checked to be of type {@code typeName}, a constant-pool
     * reference or not as {@code constant} says, and not an array unless {@code array}; -1 when
     * {@code optional} and absent.
     */
    static int field(Type type, String name, String typeName, boolean constant, boolean array, boolean optional)
            throws IOException {
        for (int i = 0; i < type.fields.length; i++) {
            Field f = type.fields[i];
            if (!f.name.equals(name)) continue;
            if (!f.type.name.equals(typeName) || f.constant != constant || f.array != array) {
                throw new IOException("field " + type.name + "." + name + " is " + describe(f) + ", expected "
                        + (constant ? "a constant of " : "") + typeName + (array ? "[]" : ""));
            }
            return i;
        }
        if (optional) return -1;
        throw new IOException("the JFR metadata declares no field " + type.name + "." + name);
    }

    private static String describe(Field f) {
        return (f.constant ? "a constant of " : "") + f.type.name + (f.array ? "[]" : "");
    }

    /** Skips one value of field {@code f}. */
    void skipField(JfrInput in, Field f) throws IOException {
        skipField(in, f, 0);
    }

    private void skipField(JfrInput in, Field f, int depth) throws IOException {
        if (!f.array) {
            skipOne(in, f, depth);
            return;
        }
        int n = in.count(f.name, f.constant ? 1 : f.type.minBytes);
        // An element of no bytes (a type without fields) has nothing to skip, however many there are.
        if (!f.constant && f.type.minBytes == 0) return;
        if (f.constant || f.type.varints > 0) {
            in.skipVarints((long) n * (f.constant ? 1 : f.type.varints));
            return;
        }
        for (int i = 0; i < n; i++) skipOne(in, f, depth);
    }

    private void skipOne(JfrInput in, Field f, int depth) throws IOException {
        if (f.constant) {
            in.readLong();
        } else {
            skipValue(in, f.type, depth + 1);
        }
    }

    /** Skips one inline value of {@code t}. */
    void skipValue(JfrInput in, Type t) throws IOException {
        skipValue(in, t, 0);
    }

    private void skipValue(JfrInput in, Type t, int depth) throws IOException {
        switch (t.kind) {
            case BOOLEAN, BYTE -> in.skip(1);
            case CHAR, SHORT -> in.readShort();
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case FLOAT -> in.skip(4);
            case DOUBLE -> in.skip(8);
            case STRING -> in.skipString();
            default -> {
                if (t.varints >= 0) {
                    in.skipVarints(t.varints);
                    return;
                }
                if (depth > MAX_DEPTH) throw in.error("values of " + t.name + " nest deeper than " + MAX_DEPTH);
                for (Field f : t.fields) skipField(in, f, depth);
            }
        }
    }

    /** Reads an integral value of {@code f} (a constant-pool key, or a boolean, byte, char, short, int or long). */
    static long readIntegral(JfrInput in, Field f) throws IOException {
        if (f.constant) return in.readLong();
        switch (f.type.kind) {
            case BOOLEAN, BYTE: return (byte) in.u1();
            case CHAR, SHORT: return (short) in.readShort();
            case INT: return in.readInt();
            case LONG: return in.readLong();
            default: throw in.error("field " + f.name + " of type " + f.type.name + " is not an integer");
        }
    }

    private static int kindOf(String name) {
        switch (name) {
            case "boolean": return BOOLEAN;
            case "byte": return BYTE;
            case "char": return CHAR;
            case "short": return SHORT;
            case "int": return INT;
            case "long": return LONG;
            case "float": return FLOAT;
            case "double": return DOUBLE;
            case "java.lang.String": return STRING;
            default: return COMPLEX;
        }
    }

    // ---- reading the metadata event ----

    /** An element of the metadata tree: its name, attributes (key, value, ...) and children. */
    private record Element(String name, String[] attributes, List<Element> children) {
        String attribute(String key) {
            for (int i = 0; i < attributes.length; i += 2) {
                if (attributes[i].equals(key)) return attributes[i + 1];
            }
            return null;
        }
    }

    /**
     * Reads the metadata event whose size, type id, start time and duration {@code in} has just read, up to
     * the event's end (the input's limit).
     */
    static JfrMetadata read(JfrInput in) throws IOException {
        in.readLong(); // metadata id
        int n = in.count("metadata string", 1);
        String[] strings = new String[n];
        for (int i = 0; i < n; i++) strings[i] = in.readString(null);
        Element root = element(in, strings, 0);
        JfrMetadata meta = new JfrMetadata();
        for (Element e : root.children) {
            if (!e.name.equals("metadata")) continue;
            for (Element c : e.children) {
                if (c.name.equals("class")) meta.declare(c);
            }
        }
        meta.resolve();
        return meta;
    }

    private static Element element(JfrInput in, String[] strings, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw in.error("metadata elements nest deeper than " + MAX_DEPTH);
        String name = string(in, strings);
        String[] attributes = new String[2 * in.count("metadata attribute", 2)];
        for (int i = 0; i < attributes.length; i++) attributes[i] = string(in, strings);
        int n = in.count("metadata element", 3);
        List<Element> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) children.add(element(in, strings, depth + 1));
        return new Element(name, attributes, children);
    }

    private static String string(JfrInput in, String[] strings) throws IOException {
        int i = in.readInt();
        if (i < 0 || i >= strings.length || strings[i] == null) throw in.error("no metadata string " + i);
        return strings[i];
    }

    private void declare(Element c) throws IOException {
        String name = c.attribute("name");
        long id = number(c.attribute("id"), "id of class " + name);
        if (name == null) throw new IOException("a class in the JFR metadata has no name");
        Type t = new Type(id, name);
        List<Field> fields = new ArrayList<>();
        for (Element f : c.children) {
            if (!f.name.equals("field")) continue;
            String fieldName = f.attribute("name");
            if (fieldName == null) throw new IOException("a field of " + name + " has no name");
            fields.add(new Field(fieldName, number(f.attribute("class"), "class of " + name + "." + fieldName),
                    "true".equals(f.attribute("constantPool")), f.attribute("dimension") != null
                    && !"0".equals(f.attribute("dimension"))));
        }
        t.fields = fields.toArray(new Field[0]);
        if (byId.put(id, t) != null) throw new IOException("the JFR metadata declares type id " + id + " twice");
        byName.put(name, t);
    }

    private static long number(String s, String what) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("the JFR metadata gives no number for the " + what + ": " + s);
        }
    }

    private void resolve() throws IOException {
        for (Type t : byId.values()) {
            for (Field f : t.fields) {
                f.type = byId.get(f.typeId);
                if (f.type == null) {
                    throw new IOException("field " + t.name + "." + f.name + " has type id " + f.typeId
                            + ", which the JFR metadata does not declare");
                }
            }
        }
        for (Type t : byId.values()) {
            minBytes(t, 0);
            if (t.kind == COMPLEX) t.varints = varints(t);
        }
    }

    private static int varints(Type t) {
        for (Field f : t.fields) {
            int k = f.type.kind;
            if (f.array || !(f.constant || k == CHAR || k == SHORT || k == INT || k == LONG)) return -1;
        }
        return t.fields.length;
    }

    private static int minBytes(Type t, int depth) throws IOException {
        if (t.minBytes >= 0) return t.minBytes;
        if (depth > MAX_DEPTH) throw new IOException("type " + t.name + " contains itself");
        int n = switch (t.kind) {
            case BOOLEAN, BYTE, STRING, CHAR, SHORT, INT, LONG -> 1;
            case FLOAT -> 4;
            case DOUBLE -> 8;
            default -> {
                int sum = 0;
                for (Field f : t.fields) sum += f.array || f.constant ? 1 : minBytes(f.type, depth + 1);
                yield sum;
            }
        };
        t.minBytes = n;
        return n;
    }
}
