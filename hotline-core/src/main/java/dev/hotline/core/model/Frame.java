package dev.hotline.core.model;

import java.util.Objects;

/**
 * One source line in one method: the unit of every line-level statistic.
 *
 * @param className  binary class name, {@code com.acme.Shop$Cart}
 * @param methodName method name, {@code <init>} for constructors
 * @param fileName   source file name as the class records it ({@code Shop.java}), or {@code null} when unknown
 * @param line       1-based source line, or {@code -1} when the engine could not tell
 * @since 0.1
 */
public record Frame(String className, String methodName, String fileName, int line) {

    public Frame {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        // Every engine and reader gets the same name for the same code, whatever the run.
        className = stableClassName(className);
    }

    public static Frame of(StackTraceElement e) {
        return new Frame(e.getClassName(), e.getMethodName(), e.getFileName(),
                e.getLineNumber() > 0 ? e.getLineNumber() : -1);
    }

    /**
     * Drops the per-run part of generated class names, so the same code has the same name in every run and
     * every profile: {@code Shop$$Lambda$618/0x00007f0c1c0a1234} and {@code Shop$$Lambda/0x00007f...} become
     * {@code Shop$$Lambda}.
     */
    public static String stableClassName(String className) {
        int lambda = className.indexOf("$$Lambda");
        if (lambda >= 0) return className.substring(0, lambda + "$$Lambda".length());
        int hidden = className.indexOf("/0x");
        if (hidden < 0) hidden = hiddenSuffix(className); // JFR spells the separator as a dot
        return hidden >= 0 ? className.substring(0, hidden) : className;
    }

    /** Where a trailing {@code .0x<hex>} begins, or -1. */
    private static int hiddenSuffix(String className) {
        int dot = className.lastIndexOf(".0x");
        if (dot < 0 || dot + 3 == className.length()) return -1;
        for (int i = dot + 3; i < className.length(); i++) {
            if (Character.digit(className.charAt(i), 16) < 0) return -1;
        }
        return dot;
    }

    /** {@code com.acme.Shop$Cart.add}: the method this line belongs to. */
    public String qualifiedMethod() {
        return className + '.' + methodName;
    }

    /** Package of the class, {@code ""} for the default package. */
    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The same method without the line: the key of the per-method table. */
    public Frame methodOnly() {
        return line == -1 ? this : new Frame(className, methodName, fileName, -1);
    }

    @Override
    public String toString() {
        return qualifiedMethod() + '(' + (fileName == null ? "Unknown Source" : fileName) + (line > 0 ? ":" + line : "") + ')';
    }
}
