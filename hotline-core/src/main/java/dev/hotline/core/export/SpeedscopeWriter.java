package dev.hotline.core.export;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a profile in <a href="https://www.speedscope.app/file-format-schema.json">speedscope's file format</a>,
 * which speedscope opens as it is (drop the file on the page, or {@code speedscope file.speedscope.json}).
 *
 * <p>The file holds one <em>evented</em> profile per thread, the serving thread first: a timeline of the
 * thread's samples, each stack open for the time its sample stands for, so the "Time Order" view shows what the
 * thread did when. Then one <em>sampled</em> profile of the whole request, every thread's samples weighted by
 * their time, for the "Left Heavy" and "Sandwich" views. All values are nanoseconds after the request's start.
 *
 * <p>Frames are named {@code com.acme.Shop.buy:42} (without {@code :line} when the line is unknown) and carry
 * their file and line. Profiles are named {@code GET /path — thread}; the file is named {@code GET /path}, followed
 * by {@code trace_id=...} when the request's distributed trace is known (since 0.3). Strings are escaped so that the file is
 * valid JSON whatever they hold, and safe inside an HTML {@code <script>} element.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class SpeedscopeWriter implements ProfileWriter {
    private static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** @since 0.1 */
    public SpeedscopeWriter() {}

    @Override
    public String name() {
        return "speedscope";
    }

    @Override
    public List<String> extensions() {
        return List.of("speedscope.json");
    }

    @Override
    public String description() {
        return "speedscope JSON: per-thread timelines and the whole request's flame graph";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        write(profile, w);
        w.flush();
    }

    /**
     * Writes {@code profile} to {@code out}; does not flush or close it.
     *
     * @since 0.1
     */
    public void write(Profile profile, Writer out) throws IOException {
        Map<Frame, Integer> frames = new LinkedHashMap<>();
        for (CallNode n : profile.nodes()) {
            if (n.frame() != null) frames.putIfAbsent(n.frame(), frames.size());
        }
        Map<Integer, int[]> stacks = new HashMap<>();
        String title = profile.request().method() + " " + profile.request().path();
        String traceId = profile.request().traceId();

        out.write("{\n  \"$schema\": ");
        string(out, SCHEMA);
        out.write(",\n  \"name\": ");
        string(out, traceId == null ? title : title + " trace_id=" + traceId);
        out.write(",\n  \"exporter\": \"hotline\",\n  \"activeProfileIndex\": 0,\n  \"shared\": {\"frames\": [");
        String sep = "\n    ";
        for (Frame f : frames.keySet()) {
            out.write(sep);
            sep = ",\n    ";
            out.write("{\"name\": ");
            string(out, f.qualifiedMethod() + (f.line() > 0 ? ":" + f.line() : ""));
            if (f.fileName() != null) {
                out.write(", \"file\": ");
                string(out, f.fileName());
            }
            if (f.line() > 0) out.write(", \"line\": " + f.line());
            out.write('}');
        }
        out.write(frames.isEmpty() ? "]},\n  \"profiles\": [" : "\n  ]},\n  \"profiles\": [");
        for (int t = 0; t < profile.threads().size(); t++) {
            out.write(t == 0 ? "\n    " : ",\n    ");
            evented(out, profile, t, title + " \u2014 " + profile.threads().get(t), frames, stacks);
        }
        out.write(profile.threads().isEmpty() ? "\n    " : ",\n    ");
        sampled(out, profile, title + " \u2014 all threads", frames, stacks);
        out.write("\n  ]\n}\n");
    }

    /**
     * The thread's samples as a timeline. A sample ends {@code weightNs} after it begins, and begins where the
     * previous one ended or, after a gap (the thread stopped working for the request), {@code weightNs} before
     * its offset. This is exact for plain samples, batched stretches and segment tails alike, since a weight is
     * the time since the previous sample's end; and the timeline never runs backwards.
     */
    private static void evented(Writer out, Profile p, int thread, String name, Map<Frame, Integer> frames,
                                Map<Integer, int[]> stacks) throws IOException {
        out.write("{\"type\": \"evented\", \"name\": ");
        string(out, name);
        out.write(", \"unit\": \"nanoseconds\", \"startValue\": 0, \"endValue\": ");
        StringBuilder events = new StringBuilder();
        int[] open = new int[16];
        int depth = 0;
        long end = 0;
        for (ProfileSample s : p.samples()) {
            if (s.thread() != thread || s.weightNs() == 0) continue; // a sample of no time opens nothing
            long begin = Math.max(end, Math.max(0, s.offsetNs() - s.weightNs()));
            if (begin > end) {
                while (depth > 0) event(events, 'C', open[--depth], end);
            }
            int[] stack = stack(p, s.node(), frames, stacks);
            int common = 0;
            while (common < depth && common < stack.length && open[common] == stack[common]) common++;
            while (depth > common) event(events, 'C', open[--depth], begin);
            if (stack.length > open.length) open = Arrays.copyOf(open, stack.length * 2);
            while (depth < stack.length) {
                open[depth] = stack[depth];
                event(events, 'O', open[depth++], begin);
            }
            end = begin > Long.MAX_VALUE - s.weightNs() ? Long.MAX_VALUE : begin + s.weightNs();
        }
        while (depth > 0) event(events, 'C', open[--depth], end);
        out.write(Long.toString(end));
        out.write(", \"events\": [");
        if (events.length() > 0) {
            out.append(events).write("\n    ]}");
        } else {
            out.write("]}");
        }
    }

    private static void event(StringBuilder b, char type, int frame, long at) {
        b.append(b.length() == 0 ? "\n      " : ",\n      ")
                .append("{\"type\": \"").append(type).append("\", \"frame\": ").append(frame).append(", \"at\": ").append(at).append('}');
    }

    /** Every sample of the request with its stack (root first) and its weight in nanoseconds. */
    private static void sampled(Writer out, Profile p, String name, Map<Frame, Integer> frames,
                                Map<Integer, int[]> stacks) throws IOException {
        out.write("{\"type\": \"sampled\", \"name\": ");
        string(out, name);
        out.write(", \"unit\": \"nanoseconds\", \"startValue\": 0, \"endValue\": ");
        long total = 0;
        for (ProfileSample s : p.samples()) total = total > Long.MAX_VALUE - s.weightNs() ? Long.MAX_VALUE : total + s.weightNs();
        out.write(Long.toString(total));
        out.write(", \"samples\": [");
        String sep = "\n      ";
        for (ProfileSample s : p.samples()) {
            out.write(sep);
            sep = ",\n      ";
            out.write('[');
            int[] stack = stack(p, s.node(), frames, stacks);
            for (int i = 0; i < stack.length; i++) {
                if (i > 0) out.write(", ");
                out.write(Integer.toString(stack[i]));
            }
            out.write(']');
        }
        out.write(p.samples().isEmpty() ? "], \"weights\": [" : "\n    ], \"weights\": [");
        for (int i = 0; i < p.samples().size(); i++) {
            if (i > 0) out.write(", ");
            out.write(Long.toString(p.samples().get(i).weightNs()));
        }
        out.write("]}");
    }

    /** Frame indices of a node's stack, root first. */
    private static int[] stack(Profile p, int nodeId, Map<Frame, Integer> frames, Map<Integer, int[]> stacks) {
        return stacks.computeIfAbsent(nodeId, id -> {
            List<Integer> path = new ArrayList<>();
            for (CallNode n = p.nodes().get(id); n != null && n.frame() != null; n = n.parent()) path.add(frames.get(n.frame()));
            int[] stack = new int[path.size()];
            for (int i = 0; i < stack.length; i++) stack[i] = path.get(stack.length - 1 - i);
            return stack;
        });
    }

    /**
     * A JSON string. Control characters, U+2028/U+2029 and unpaired surrogates are escaped as <code>&#92;uXXXX</code>,
     * so any Java string gives valid JSON; {@code </} and {@code <!} are escaped so that no {@code </script>} or
     * comment opener reaches an HTML page that embeds the file.
     */
    static void string(Writer out, String s) throws IOException {
        out.write('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.write("\\\""); break;
                case '\\': out.write("\\\\"); break;
                case '\n': out.write("\\n"); break;
                case '\r': out.write("\\r"); break;
                case '\t': out.write("\\t"); break;
                case '/': out.write(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/"); break;
                case '<': if (i + 1 < n && s.charAt(i + 1) == '!') unicode(out, c); else out.write(c); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicode(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.write(c);
                        out.write(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(out, c); // unpaired: UTF-8 cannot hold it, a JSON escape can
                    } else {
                        out.write(c);
                    }
            }
        }
        out.write('"');
    }

    private static void unicode(Writer out, char c) throws IOException {
        out.write(new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
}
