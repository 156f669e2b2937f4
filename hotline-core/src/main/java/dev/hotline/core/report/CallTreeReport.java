package dev.hotline.core.report;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The call tree, in the style of pyinstrument: one line per call-tree node (a frame at one line, reached
 * through one path of callers) with its total time, hottest first, library code folded away.
 *
 * <pre>
 * 412.3 ms  GET /checkout  200  engine=async-profiler interval=1ms samples=412 effective=1.0ms
 * └─ 412.1 ms  com.acme.shop.CheckoutServlet.doGet  CheckoutServlet.java:31
 *    ├─ 398.0 ms  com.acme.shop.Checkout.pay  Checkout.java:42
 *    │  └─ 398.0 ms  [7 frames hidden]  org.apache.http, java.net
 *    │     └─ 396.0 ms  java.net.SocketInputStream.read  SocketInputStream.java:?
 *    └─ 10.2 ms  [self]
 * </pre>
 *
 * <p>Rules:
 * <ul>
 *   <li>A run of two or more {@linkplain ReportOptions#isLibrary library} frames is folded into one
 *       {@code [N frames hidden]} line listing the hidden frames' packages (two segments, three after a
 *       domain-like first segment: {@code java.net}, {@code org.apache.catalina}), with the group's time.
 *       Below it come the application frames the run calls, and the library frames at the top of the stack
 *       where the run ends, so the reader still sees the {@code Thread.sleep} or socket read that took the
 *       time. Time spent in the hidden frames themselves shows as the group's {@code [self]}. A single
 *       library frame between application frames is shown as it is. Application frames are never hidden, and
 *       folding is the same at every depth.</li>
 *   <li>Which frames are the application's: {@link ReportOptions#forProfile}, so by default the packages the
 *       profile names ({@code appPackages}).</li>
 *   <li>Lines below the minimum share of the profile's sampled time are left out and counted at the end.</li>
 *   <li>{@code [self]}: a node's own time, shown when it reaches the minimum share and the node has children
 *       shown.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class CallTreeReport {
    /** Deeper levels are cut, so runaway recursion cannot produce megabytes of indentation. */
    static final int MAX_DEPTH = 128;
    static final int MAX_PACKAGES = 6;
    private static final Set<String> DOMAINS = Set.of("org", "com", "net", "io", "dev", "edu", "gov", "co", "me",
            "ch", "de", "fr", "uk", "nl", "be", "at", "it", "es", "se", "no", "fi", "dk", "pl", "ru", "jp", "cn",
            "br", "in", "au", "info", "biz", "app", "tech");

    private final ReportOptions options;

    /** A report folding, filtering and drawing as {@code options} say. */
    public CallTreeReport(ReportOptions options) {
        this.options = options;
    }

    /** The profile's notes, then the tree under the request summary line. */
    public String render(Profile profile) {
        StringBuilder out = new StringBuilder(2048);
        Text.notes(out, profile);
        appendTree(out, profile);
        return out.toString();
    }

    /** The request summary line as the tree's root, and the tree below it. */
    void appendTree(StringBuilder out, Profile p) {
        out.append(Text.summary(p)).append('\n');
        CallNode root = p.root();
        if (root.children().isEmpty()) {
            out.append("(no samples)\n");
            return;
        }
        Walk w = new Walk(p, out, options.forProfile(p));
        w.render(w.itemsUnder(root, "[no stack]"), "", 1);
        if (w.dropped > 0) {
            out.append("(").append(w.dropped).append(w.dropped == 1 ? " node" : " nodes").append(" below ")
                    .append(Text.percent(options.minShare())).append(" not shown)\n");
        }
    }

    /** One line of the tree and what hangs below it. */
    private sealed interface Item permits NodeItem, GroupItem, SelfItem {
        long timeNs();
    }

    private record NodeItem(CallNode node) implements Item {
        public long timeNs() { return node.totalNs(); }
    }

    private record GroupItem(long timeNs, int hidden, List<String> packages, List<Item> children) implements Item {}

    private record SelfItem(long timeNs, String label) implements Item {}

    private static final class Walk {
        final Profile p;
        final StringBuilder out;
        final ReportOptions options;
        int dropped;

        Walk(Profile p, StringBuilder out, ReportOptions options) {
            this.p = p;
            this.out = out;
            this.options = options;
        }

        boolean visible(long ns) {
            return p.sampling().sampledNs() > 0 && p.share(ns) >= options.minShare();
        }

        /** The lines under a shown node: its application children, its library runs, and its [self]. */
        List<Item> itemsUnder(CallNode parent, String selfLabel) {
            List<Item> items = new ArrayList<>();
            for (CallNode c : parent.children()) {
                Item item = options.isLibrary(c.frame()) ? library(c) : new NodeItem(c);
                keep(items, item);
            }
            return finish(items, parent.selfNs(), selfLabel);
        }

        void keep(List<Item> items, Item item) {
            if (visible(item.timeNs())) items.add(item);
            else dropped++;
        }

        List<Item> finish(List<Item> items, long selfNs, String selfLabel) {
            if (!items.isEmpty() && selfNs > 0 && visible(selfNs)) items.add(new SelfItem(selfNs, selfLabel));
            // Stable: equal times keep the model's order (hottest first, then creation), [self] goes last.
            items.sort(Comparator.comparingLong(Item::timeNs).reversed()
                    .thenComparing(i -> i instanceof SelfItem));
            return items;
        }

        /**
         * The maximal run of library frames starting at {@code start}: folded unless it is a single frame.
         * Its exits are the application frames it calls and its leaves (the top of the stack).
         */
        Item library(CallNode start) {
            if (start.children().stream().noneMatch(c -> options.isLibrary(c.frame()))) {
                return new NodeItem(start);
            }
            List<Item> exits = new ArrayList<>();
            Set<String> packages = new LinkedHashSet<>();
            int region = 0, shownLeaves = 0;
            long hiddenSelf = 0;
            Deque<CallNode> stack = new ArrayDeque<>();
            stack.push(start);
            while (!stack.isEmpty()) {
                CallNode n = stack.pop();
                region++;
                if (n.children().isEmpty() && visible(n.totalNs())) {
                    exits.add(new NodeItem(n));
                    shownLeaves++;
                    continue;
                }
                hiddenSelf += n.selfNs();
                packages.add(packageGroup(n.frame()));
                List<CallNode> kids = n.children();
                // Pushed in reverse so the hottest child is visited first and its packages listed first.
                for (int i = kids.size() - 1; i >= 0; i--) {
                    CallNode c = kids.get(i);
                    if (options.isLibrary(c.frame())) stack.push(c);
                    else keep(exits, new NodeItem(c));
                }
            }
            // One hidden frame is shown as itself: "[1 frame hidden]" would take the same line and say less.
            if (region - shownLeaves <= 1) return new NodeItem(start);
            List<String> list = new ArrayList<>(packages);
            return new GroupItem(start.totalNs(), region - shownLeaves, list, finish(exits, hiddenSelf, "[self]"));
        }

        void render(List<Item> items, String prefix, int depth) {
            if (depth > MAX_DEPTH) {
                out.append(prefix).append(options.ascii() ? "..." : "…").append(" (deeper calls not shown)\n");
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                boolean last = i == items.size() - 1;
                Item item = items.get(i);
                out.append(prefix).append(branch(last)).append(time(item.timeNs())).append("  ");
                String below = prefix + (last ? "   " : options.ascii() ? "|  " : "│  ");
                if (item instanceof NodeItem n) {
                    out.append(label(n.node().frame())).append('\n');
                    List<Item> children = itemsUnder(n.node(), "[self]");
                    if (!children.isEmpty()) render(children, below, depth + 1);
                } else if (item instanceof GroupItem g) {
                    String text = "[" + g.hidden() + (g.hidden() == 1 ? " frame" : " frames") + " hidden]  "
                            + packages(g.packages());
                    out.append(options.colours() ? Text.DIM + text + Text.RESET : text).append('\n');
                    if (!g.children().isEmpty()) render(g.children(), below, depth + 1);
                } else {
                    out.append(((SelfItem) item).label()).append('\n');
                }
            }
        }

        String branch(boolean last) {
            if (options.ascii()) return last ? "`- " : "|- ";
            return last ? "└─ " : "├─ ";
        }

        String time(long ns) {
            String t = Text.msSpaced(ns);
            if (!options.colours()) return t;
            String c = Text.colourFor(p.share(ns));
            return c.isEmpty() ? t : c + t + Text.RESET;
        }
    }

    static String label(Frame f) {
        String file = f.fileName() == null ? "?" : Text.clean(f.fileName());
        return Text.clean(f.qualifiedMethod()) + "  " + file + ':' + (f.line() > 0 ? Integer.toString(f.line()) : "?");
    }

    static String packages(List<String> packages) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < packages.size() && i < MAX_PACKAGES; i++) {
            if (i > 0) b.append(", ");
            b.append(Text.clean(packages.get(i)));
        }
        if (packages.size() > MAX_PACKAGES) b.append(", ...");
        return b.toString();
    }

    /**
     * The package a hidden frame is listed under: two segments ({@code java.net}, {@code jdk.internal}),
     * three when the first is a domain ({@code org.apache.catalina}, {@code com.zaxxer.hikari}), so the
     * list names libraries rather than vendors.
     */
    static String packageGroup(Frame f) {
        String pkg = SourceLocator.outerClass(f.className());
        int dot = pkg.lastIndexOf('.');
        if (dot < 0) return "(default package)";
        pkg = pkg.substring(0, dot);
        String[] parts = pkg.split("\\.");
        int keep = Math.min(parts.length, DOMAINS.contains(parts[0]) ? 3 : 2);
        return String.join(".", List.of(parts).subList(0, keep));
    }

    @Override
    public String toString() {
        return "CallTreeReport[" + options + ']';
    }
}
