package dev.hotline.core.export;

import dev.hotline.core.format.ProfileFormatException;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folded stacks, the text format of Brendan Gregg's FlameGraph ({@code stackcollapse-*.pl} output,
 * {@code flamegraph.pl} input), which speedscope, inferno, Pyroscope and many other tools also read.
 *
 * <p>One line per distinct stack: the frames from the root to the top, separated by {@code ;}, a space, and the
 * number of samples: <code>java.lang.Thread.run;com.acme.Shop.buy 12</code>. The weight is a <b>sample count</b>,
 * as FlameGraph expects and labels it: the sum of the samples' counts, so a thread idle through 12 sampling
 * intervals counts 12. With the sampling interval that is time: a profile sampled every millisecond that shows
 * 12 has spent about 12 ms there. Lines are sorted, as {@code stackcollapse} sorts them, so two exports diff well.
 * Samples with no frame are left out: a folded line cannot say "no frame".
 *
 * <p>Frames are {@code Class.method}, or {@code Class.method:line} with lines on. Characters that would break a
 * line apart ({@code ;}, control characters, U+2028 and U+2029, unpaired surrogates) become {@code _}.
 *
 * @since 0.1
 */
public final class CollapsedStacks {

    private CollapsedStacks() {}

    /**
     * Writes the profile's stacks, one line per distinct stack, each line ending in {@code \n}; does not flush.
     *
     * @param lines whether frames name their line ({@code Class.method:42}), which splits a method's time by line
     * @since 0.1
     */
    public static void write(Profile profile, Writer out, boolean lines) throws IOException {
        Map<Integer, String> byNode = new HashMap<>();
        Map<String, Long> counts = new TreeMap<>();
        for (ProfileSample s : profile.samples()) {
            String stack = byNode.computeIfAbsent(s.node(), id -> stack(profile.nodes().get(id), lines));
            if (!stack.isEmpty()) counts.merge(stack, (long) s.count(), Long::sum);
        }
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            out.write(e.getKey());
            out.write(' ');
            out.write(Long.toString(e.getValue()));
            out.write('\n');
        }
    }

    /**
     * Reads folded stacks into a profile of one thread, {@code folded stacks}, one sample per line in file order.
     * A line's count becomes the sample's count and {@code count * intervalNs} its weight. Frames named
     * {@code Class.method:line} get that line, others line {@code -1}; none has a file. The request is made up:
     * {@code GET <source>}, no status, starting at 1970-01-01, lasting the sampled time.
     *
     * <p>Blank lines and lines with a count of 0 are skipped.
     *
     * @param source     where the stacks come from, such as a file name: the request's path
     * @param intervalNs the time one sample stands for, positive
     * @throws ProfileFormatException when a line does not end in a whole number, naming the line
     * @since 0.1
     */
    public static Profile read(Reader in, String source, long intervalNs) throws IOException {
        if (intervalNs <= 0) throw new IllegalArgumentException("interval must be positive: " + intervalNs);
        BufferedReader r = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        ProfileBuilder b = new ProfileBuilder();
        int thread = b.thread("folded stacks");
        Map<String, Frame> frames = new HashMap<>();
        long offset = 0;
        int number = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            number++;
            String text = line.stripTrailing();
            if (text.isEmpty()) continue;
            int space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\t'));
            long count = count(text.substring(space + 1));
            if (space < 0 || count < 0) {
                throw new ProfileFormatException("line " + number + ": no sample count at the end: " + shorten(clean(text, false)));
            }
            if (count > Integer.MAX_VALUE) throw new ProfileFormatException("line " + number + ": count too large: " + count);
            if (count == 0) continue;
            long weight;
            try {
                weight = Math.multiplyExact(count, intervalNs);
                offset = Math.addExact(offset, weight);
            } catch (ArithmeticException e) {
                throw new ProfileFormatException("line " + number + ": total time over 2^63 ns", e);
            }
            String stack = text.substring(0, space);
            String[] names = stack.isEmpty() ? new String[0] : stack.split(";", -1);
            Frame[] topFirst = new Frame[names.length];
            for (int i = 0; i < names.length; i++) {
                topFirst[names.length - 1 - i] = frames.computeIfAbsent(names[i], CollapsedStacks::parseFrame);
            }
            b.sample(thread, offset, weight, (int) count, topFirst);
        }
        b.note("read from folded stacks: each sample stands for " + intervalNs + " ns; the request is made up");
        RequestInfo request = new RequestInfo("GET", source, null, 0, Instant.EPOCH, offset, null);
        return b.build("collapsed-" + Integer.toUnsignedString(source.hashCode(), 36), request, "collapsed", intervalNs, false);
    }

    /**
     * Reads a UTF-8 file of folded stacks; the file's name is the request's path.
     *
     * @see #read(Reader, String, long)
     * @since 0.1
     */
    public static Profile read(Path file, long intervalNs) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.getFileName().toString(), intervalNs);
        } catch (ProfileFormatException e) {
            throw new ProfileFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * How a frame appears in a folded line: {@code com.acme.Shop.buy}, or {@code com.acme.Shop.buy:42} with
     * {@code lines} on and a known line; characters that would break the format become {@code _}.
     *
     * @since 0.1
     */
    public static String frameName(Frame f, boolean lines) {
        return clean(f.qualifiedMethod() + (lines && f.line() > 0 ? ":" + f.line() : ""), true);
    }

    private static String stack(CallNode top, boolean lines) {
        List<String> names = new ArrayList<>();
        for (CallNode n = top; n != null && n.frame() != null; n = n.parent()) names.add(frameName(n.frame(), lines));
        StringBuilder b = new StringBuilder();
        for (int i = names.size() - 1; i >= 0; i--) {
            b.append(names.get(i));
            if (i > 0) b.append(';');
        }
        return b.toString();
    }

    /** Replaces what could end a line early, and {@code ;} when {@code frame} (error messages keep it). */
    private static String clean(String s, boolean frame) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) b.append(c).append(s.charAt(i + 1));
                i++;
                continue;
            }
            // Python's splitlines() also breaks at U+001C..U+001E and U+0085: ISO controls all.
            boolean bad = (frame && c == ';') || Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c);
            if (bad && b == null) b = new StringBuilder(s.length()).append(s, 0, i);
            if (b != null) b.append(bad ? '_' : c);
        }
        return b == null ? s : b.toString();
    }

    /** {@code Class.method} or {@code Class.method:line}; a name without a dot is a method of class {@code ""}. */
    static Frame parseFrame(String text) {
        String name = text;
        int line = -1;
        int colon = text.lastIndexOf(':');
        if (colon > 0 && colon + 1 < text.length() && colon + 10 >= text.length()) {
            long n = count(text.substring(colon + 1));
            if (n > 0) {
                line = (int) n;
                name = text.substring(0, colon);
            }
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? new Frame("", name, null, line) : new Frame(name.substring(0, dot), name.substring(dot + 1), null, line);
    }

    /** The value of a run of at most 18 ASCII digits, or -1. */
    private static long count(String digits) {
        if (digits.isEmpty() || digits.length() > 18) return -1;
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
