package dev.hotline.core.engine;

import dev.hotline.core.engine.JfrMetadata.Field;
import dev.hotline.core.engine.JfrMetadata.Type;
import dev.hotline.core.model.Frame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a chunk's stack traces into {@link Frame}s on demand. The constant pools it needs (methods, classes,
 * symbols, frame types, strings) are kept as positions in the chunk while they are read, and decoded only when
 * a stack trace wanted leads to them, each once per chunk. A line is one {@link Frame} object, in every
 * stack of every chunk this reader decodes.
 */
final class JfrStacks {
    private static final Frame[] NO_FRAMES = new Frame[0];
    private static final long NATIVE = 0, JAVA = 1;

    private final JfrInput in;
    private JfrSampleLayout layout;

    // Constant-pool keys to the position of their value in the chunk.
    private final LongLongMap methods = new LongLongMap();
    private final LongLongMap classes = new LongLongMap();
    private final LongLongMap symbols = new LongLongMap();
    private final LongLongMap frameTypes = new LongLongMap();
    private final LongLongMap strings = new LongLongMap();

    // What was decoded from them in this chunk.
    /** Frame-type key to {@link #JAVA} or {@link #NATIVE}. */
    private final LongLongMap frameKinds = new LongLongMap();
    /** Symbol key to its index in {@link #symbolText}. */
    private final LongLongMap symbolIndex = new LongLongMap();
    private final List<String> symbolText = new ArrayList<>();
    /** Method key to its index in {@link #methodClass} and {@link #methodName}. */
    private final LongLongMap methodIndex = new LongLongMap();
    private final List<String> methodClass = new ArrayList<>();
    private final List<String> methodName = new ArrayList<>();
    /** (method index, line) to its index in {@link #frames}. */
    private final LongLongMap frameIndex = new LongLongMap();
    private final List<Frame> frames = new ArrayList<>();

    /**
     * The frames made in earlier chunks and calls, so a line seen again is the same object however many stacks,
     * chunks and profiles hold it; emptied when it grows past {@link #MAX_CANONICAL}.
     */
    private final Map<Frame, Frame> canonical = new HashMap<>();
    private static final int MAX_CANONICAL = 1 << 16;

    private Frame[] scratch = new Frame[64];

    JfrStacks(JfrInput in) {
        this.in = in;
    }

    void layout(JfrSampleLayout layout) {
        this.layout = layout;
    }

    /** Forgets the previous chunk. */
    void clear() {
        if (canonical.size() > MAX_CANONICAL) canonical.clear();
        methods.clear();
        classes.clear();
        symbols.clear();
        frameTypes.clear();
        strings.clear();
        frameKinds.clear();
        symbolIndex.clear();
        symbolText.clear();
        methodIndex.clear();
        methodClass.clear();
        methodName.clear();
        frameIndex.clear();
        frames.clear();
    }

    /**
     * Notes where the value of constant {@code key} of {@code type} is, if it is one stacks lead to; the first
     * position given for a key is kept.
     */
    void constant(Type type, long key, int position) {
        JfrSampleLayout l = layout;
        if (type == l.method) methods.putIfAbsent(key, position);
        else if (type == l.clazz) classes.putIfAbsent(key, position);
        else if (type == l.symbol) symbols.putIfAbsent(key, position);
        else if (type == l.frameType) frameTypes.putIfAbsent(key, position);
        else if (type == l.string) strings.putIfAbsent(key, position);
    }

    /** The Java frames, top first, of the stack trace whose value is at {@code position}. */
    Frame[] decode(int position) throws IOException {
        JfrSampleLayout l = layout;
        in.position(position);
        int n = 0;
        Field[] traceFields = l.stackTrace.fields;
        for (int i = 0; i < traceFields.length; i++) {
            if (i != l.traceFrames) {
                l.metadata.skipField(in, traceFields[i]);
                continue;
            }
            Field[] frameFields = l.stackFrame.fields;
            for (int count = in.count("stack frame", l.stackFrame.minBytes); count > 0; count--) {
                long method = 0, kind = 0;
                int line = 0;
                for (int j = 0; j < frameFields.length; j++) {
                    if (j == l.frameMethod) method = in.readLong();
                    else if (j == l.frameLine) line = in.readInt();
                    else if (j == l.frameKind) kind = in.readLong();
                    else l.metadata.skipField(in, frameFields[j]);
                }
                if (!isJava(kind)) continue;
                if (n == scratch.length) scratch = Arrays.copyOf(scratch, 2 * n);
                scratch[n++] = frame(method, line);
            }
        }
        return n == 0 ? NO_FRAMES : Arrays.copyOf(scratch, n);
    }

    private boolean isJava(long kindKey) throws IOException {
        long known = frameKinds.get(kindKey);
        if (known != LongLongMap.MISSING) return known == JAVA;
        String description = string(at(frameTypes, kindKey, "frame type"), layout.frameType, layout.frameTypeDescription);
        boolean java = !("Native".equals(description) || "C++".equals(description) || "Kernel".equals(description));
        frameKinds.put(kindKey, java ? JAVA : NATIVE);
        return java;
    }

    private Frame frame(long methodKey, int line) throws IOException {
        long m = methodIndex.get(methodKey);
        if (m == LongLongMap.MISSING) {
            m = method(methodKey);
            methodIndex.put(methodKey, m);
        }
        int lineOrUnknown = line > 0 ? line : -1;
        long key = m << 32 | (lineOrUnknown & 0xffffffffL);
        long f = frameIndex.get(key);
        if (f != LongLongMap.MISSING) return frames.get((int) f);
        String className = methodClass.get((int) m);
        Frame frame = new Frame(className, methodName.get((int) m), sourceFile(className), lineOrUnknown);
        Frame known = canonical.putIfAbsent(frame, frame);
        if (known != null) frame = known;
        frameIndex.put(key, frames.size());
        frames.add(frame);
        return frame;
    }

    /** Decodes method {@code key} into {@link #methodClass} and {@link #methodName}; returns its index. */
    private long method(long key) throws IOException {
        JfrSampleLayout l = layout;
        int saved = in.position();
        in.position(at(methods, key, "method"));
        long classKey = 0, nameKey = 0;
        Field[] fields = l.method.fields;
        for (int i = 0; i <= Math.max(l.methodClass, l.methodName); i++) {
            if (i == l.methodClass) classKey = in.readLong();
            else if (i == l.methodName) nameKey = in.readLong();
            else l.metadata.skipField(in, fields[i]);
        }
        in.position(at(classes, classKey, "class"));
        long classNameKey = 0;
        fields = l.clazz.fields;
        for (int i = 0; i <= l.className; i++) {
            if (i == l.className) classNameKey = in.readLong();
            else l.metadata.skipField(in, fields[i]);
        }
        String className = symbol(classNameKey);
        String name = symbol(nameKey);
        in.position(saved);
        if (className == null || name == null) {
            throw in.error("method " + key + " has no " + (className == null ? "class" : "method") + " name");
        }
        methodClass.add(className.replace('/', '.'));
        methodName.add(name);
        return methodClass.size() - 1;
    }

    private String symbol(long key) throws IOException {
        long i = symbolIndex.get(key);
        if (i != LongLongMap.MISSING) return symbolText.get((int) i);
        String s = string(at(symbols, key, "symbol"), layout.symbol, layout.symbolString);
        symbolIndex.put(key, symbolText.size());
        symbolText.add(s);
        return s;
    }

    /** Reads string field {@code field} of the {@code type} value at {@code position}; the input stays put. */
    private String string(int position, Type type, int field) throws IOException {
        int saved = in.position();
        in.position(position);
        Field[] fields = type.fields;
        for (int i = 0; i < field; i++) layout.metadata.skipField(in, fields[i]);
        String s = in.readString(this::pooledString);
        in.position(saved);
        return s;
    }

    private String pooledString(long key) throws IOException {
        int saved = in.position();
        in.position(at(strings, key, "string"));
        // A pooled string refers to no further constant, which also rules out cycles.
        String s = in.readString(null);
        in.position(saved);
        return s;
    }

    private int at(LongLongMap pool, long key, String what) throws IOException {
        long position = pool.get(key);
        if (position == LongLongMap.MISSING) throw in.error("a stack trace refers to " + what + " " + key + ", which the constant pool lacks");
        return (int) position;
    }

    /**
     * JFR records no source file, so guess the usual one: the top-level class's simple name plus {@code .java}
     * ({@code a.b.Shop$Cart} and {@code a.b.Shop$$Lambda$3.0x0001} both give {@code Shop.java}).
     */
    static String sourceFile(String className) {
        int dollar = className.indexOf('$');
        String outer = dollar >= 0 ? className.substring(0, dollar) : className;
        String simple = outer.substring(outer.lastIndexOf('.') + 1);
        return simple.isEmpty() ? null : simple + ".java";
    }
}
