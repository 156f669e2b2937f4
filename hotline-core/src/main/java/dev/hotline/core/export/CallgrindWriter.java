package dev.hotline.core.export;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;
import dev.hotline.core.report.SourceLocator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the callgrind profile format (valgrind's "Callgrind Format Specification"), for KCachegrind,
 * QCachegrind and {@code callgrind_annotate}.
 *
 * <p>Two events: {@code Wall_ns}, wall-clock nanoseconds, and {@code Samples}. A function is a method
 * ({@code com.acme.Shop.checkout}) in its source file below a source root ({@code com/acme/Shop.java}), and
 * positions are source lines. Costs come from the call tree:
 * <ul>
 *   <li>each node's self time is the self cost of its line in its method;</li>
 *   <li>each parent-to-child edge is a call from the parent's line to the child's method, costing the child's
 *       total time. Under recursion only the call into the outermost activation of a method on a path carries
 *       cost; calls into inner activations cost 0, so the callers of a method add up to its time on the stack,
 *       counted once per sample as in the profile's method table, and never exceed 100%.</li>
 * </ul>
 * A function {@code [request]} calls the bottom frame of every thread's stacks, so every method has a caller
 * and readers that sum a method's callers ({@code callgrind_annotate --inclusive=yes}) get its time on the
 * stack; time sampled with no stack is its self cost.
 *
 * <p>A sampling profiler does not count calls: the count on a {@code calls=} line is the number of distinct
 * call paths through that call site, one at least. Names are cleaned so they cannot break lines.
 *
 * @since 0.1
 */
public final class CallgrindWriter implements ProfileWriter {
    /** The name of the function standing for the request, the caller of every thread's bottom frame. */
    public static final String ROOT_FUNCTION = "[request]";
    static final String UNKNOWN_FILE = "???";

    /** A writer; it keeps no state. */
    public CallgrindWriter() {}

    @Override
    public String name() {
        return "callgrind";
    }

    @Override
    public List<String> extensions() {
        return List.of("callgrind");
    }

    @Override
    public String description() {
        return "callgrind format for KCachegrind, QCachegrind and callgrind_annotate";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(render(profile));
        w.flush();
    }

    /** The whole file as text. */
    static String render(Profile p) {
        Graph g = new Graph(p);
        StringBuilder out = new StringBuilder(8192);
        header(out, p);
        Names files = new Names();
        Names fns = new Names();
        for (Fn f : g.fns) {
            out.append('\n');
            out.append("fl=").append(files.ref(f.file)).append('\n');
            out.append("fn=").append(fns.ref(f.id, f.name)).append('\n');
            // A method with calls only still gets a (zero) cost line at its first line: callgrind_annotate
            // cannot annotate a source file that has no cost line at all.
            boolean mark = f.id != 0 && f.sites.values().stream().allMatch(s -> s.selfNs == 0 && s.selfSamples == 0);
            for (Map.Entry<Integer, Site> e : f.sites.entrySet()) {
                int line = e.getKey();
                Site s = e.getValue();
                if (s.selfNs != 0 || s.selfSamples != 0 || (mark && line == f.firstLine())) {
                    out.append(line).append(' ').append(s.selfNs).append(' ').append(s.selfSamples).append('\n');
                }
                for (Map.Entry<Integer, Call> c : s.calls.entrySet()) {
                    Fn callee = g.fns.get(c.getKey());
                    Call call = c.getValue();
                    out.append("cfl=").append(files.ref(callee.file)).append('\n');
                    out.append("cfn=").append(fns.ref(callee.id, callee.name)).append('\n');
                    out.append("calls=").append(call.paths).append(' ').append(callee.firstLine()).append('\n');
                    out.append(line).append(' ').append(call.wallNs).append(' ').append(call.samples).append('\n');
                }
            }
        }
        out.append('\n').append("totals: ").append(p.root().totalNs()).append(' ').append(p.root().samples())
                .append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, Profile p) {
        RequestInfo r = p.request();
        SamplingInfo s = p.sampling();
        String target = r.method() + ' ' + r.path() + (r.query() == null || r.query().isEmpty() ? "" : "?" + r.query());
        out.append("# callgrind format\n");
        out.append("version: 1\n");
        out.append("creator: hotline\n");
        out.append("cmd: ").append(PlainText.clean(target)).append('\n');
        out.append("desc: Profile: ").append(PlainText.clean(p.id())).append('\n');
        out.append("desc: Request: ").append(PlainText.clean(target)).append("  status ")
                .append(r.status() == 0 ? "-" : Integer.toString(r.status()))
                .append("  ").append(PlainText.ms(r.durationNs()));
        if (r.error() != null) out.append("  error ").append(PlainText.clean(r.error()));
        out.append('\n');
        if (r.traceId() != null) {
            out.append("desc: Trace: ").append(PlainText.clean(r.traceId()));
            if (r.spanId() != null) out.append("  span ").append(PlainText.clean(r.spanId()));
            out.append('\n');
        }
        out.append("desc: Sampling: engine ").append(PlainText.clean(s.engine()))
                .append(", interval ").append(PlainText.interval(s.intervalNs()))
                .append(", ").append(s.sampleCount()).append(" samples")
                .append(", ").append(PlainText.ms(s.sampledNs())).append(" sampled")
                .append(", ").append(p.threads().size()).append(p.threads().size() == 1 ? " thread" : " threads")
                .append('\n');
        out.append("desc: Calls: sampled profile; calls= counts distinct call paths, not calls\n");
        for (String note : p.notes()) out.append("desc: Note: ").append(PlainText.clean(note)).append('\n');
        out.append("positions: line\n");
        out.append("event: Wall_ns : Wall-clock time (ns)\n");
        out.append("event: Samples : Samples\n");
        out.append("events: Wall_ns Samples\n");
        out.append("summary: ").append(p.root().totalNs()).append(' ').append(p.root().samples()).append('\n');
    }

    /** A method: the callgrind function. */
    private static final class Fn {
        final int id;
        final String file;
        final String name;
        int minLine = Integer.MAX_VALUE;
        /** By line: self cost and the calls made from that line. */
        final TreeMap<Integer, Site> sites = new TreeMap<>();

        Fn(int id, String file, String name) {
            this.id = id;
            this.file = file;
            this.name = name;
        }

        Site site(int line) {
            return sites.computeIfAbsent(line, k -> new Site());
        }

        /** The call's target position: the method's first known line. */
        int firstLine() {
            return minLine == Integer.MAX_VALUE ? 0 : minLine;
        }
    }

    private static final class Site {
        long selfNs, selfSamples;
        /** By callee function id. */
        final TreeMap<Integer, Call> calls = new TreeMap<>();
    }

    private static final class Call {
        long paths, wallNs, samples;
    }

    /** The profile's call tree folded into functions, call sites and calls. */
    private static final class Graph {
        final List<Fn> fns = new ArrayList<>();

        Graph(Profile p) {
            List<CallNode> nodes = p.nodes();
            Fn root = new Fn(0, UNKNOWN_FILE, ROOT_FUNCTION);
            fns.add(root);
            // Functions in node order: a parent's id is lower than its children's, so callers come first.
            Map<Frame, Fn> byMethod = new HashMap<>();
            Fn[] fnOf = new Fn[nodes.size()];
            fnOf[0] = root;
            for (int i = 1; i < nodes.size(); i++) {
                Frame f = nodes.get(i).frame();
                Fn fn = byMethod.computeIfAbsent(f.methodOnly(), m -> {
                    Fn created = new Fn(fns.size(), file(m), PlainText.clean(m.qualifiedMethod()));
                    fns.add(created);
                    return created;
                });
                if (f.line() > 0) fn.minLine = Math.min(fn.minLine, f.line());
                fnOf[i] = fn;
            }
            walk(p.root(), fnOf);
        }

        /** Depth first, counting each function's activations on the current path to find the outermost one. */
        private void walk(CallNode root, Fn[] fnOf) {
            int[] onPath = new int[fns.size()];
            addSelf(fnOf[0].site(0), root);
            List<CallNode> stack = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            stack.add(root);
            next.add(0);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                CallNode parent = stack.get(top);
                int i = next.get(top);
                if (i == parent.children().size()) {
                    if (parent.parent() != null) onPath[fnOf[parent.id()].id]--;
                    stack.remove(top);
                    next.remove(top);
                    continue;
                }
                next.set(top, i + 1);
                CallNode child = parent.children().get(i);
                Fn callee = fnOf[child.id()];
                boolean outermost = onPath[callee.id] == 0;
                onPath[callee.id]++;
                addSelf(callee.site(line(child)), child);
                Call call = fnOf[parent.id()].site(line(parent)).calls.computeIfAbsent(callee.id, k -> new Call());
                call.paths++;
                if (outermost) {
                    call.wallNs += child.totalNs();
                    call.samples += child.samples();
                }
                stack.add(child);
                next.add(0);
            }
        }

        private static void addSelf(Site site, CallNode n) {
            long childSamples = 0;
            for (CallNode c : n.children()) childSamples += c.samples();
            site.selfNs += n.selfNs();
            site.selfSamples += n.samples() - childSamples;
        }

        private static int line(CallNode n) {
            return n.frame() == null || n.frame().line() < 0 ? 0 : n.frame().line();
        }

        private static String file(Frame method) {
            if (method.fileName() == null) return UNKNOWN_FILE;
            String rel = SourceLocator.relativePath(method.className(), method.fileName());
            return PlainText.clean(rel != null ? rel : method.fileName());
        }
    }

    /** Name compression: {@code (id) name} the first time, {@code (id)} after. */
    private static final class Names {
        private final Map<Object, Integer> ids = new HashMap<>();

        String ref(String name) {
            return ref(name, name);
        }

        String ref(Object key, String name) {
            Integer id = ids.get(key);
            if (id != null) return "(" + id + ")";
            id = ids.size() + 1;
            ids.put(key, id);
            return "(" + id + ") " + (name.isEmpty() ? "?" : name);
        }
    }

    @Override
    public String toString() {
        return "CallgrindWriter";
    }
}
