package dev.hotline.ui;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceFile;
import dev.hotline.core.report.SourceLocator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source lines of a profile's hottest methods, with a little context, for the hot-lines view: the application's
 * methods first (the profile's {@code appPackages}), then the rest, each marked {@code "app"}.
 */
final class SourceSnippets {
    static final int MAX_METHODS = 30;
    static final int CONTEXT = 3;
    /** A method whose sampled lines span more than this shows only the window around its hottest lines. */
    static final int MAX_LINES = 400;

    private final SourceLocator locator;

    SourceSnippets(SourceLocator locator) {
        this.locator = locator;
    }

    String of(Profile p) {
        ReportOptions app = ReportOptions.defaults().forProfile(p);
        List<LineStats> lines = new ArrayList<>(p.lines());
        // Stable: within each group the hottest first.
        lines.sort(Comparator.comparing((LineStats l) -> app.isLibrary(l.frame()))
                .thenComparing(Comparator.comparingLong(LineStats::totalNs).reversed()));
        Map<Frame, List<Integer>> methods = new LinkedHashMap<>();
        for (LineStats l : lines) {
            Frame m = l.frame().methodOnly();
            List<Integer> nums = methods.get(m);
            if (nums == null) {
                if (methods.size() >= MAX_METHODS) continue;
                nums = new ArrayList<>();
                methods.put(m, nums);
            }
            if (l.frame().line() > 0) nums.add(l.frame().line());
        }
        Json j = new Json().beginObject().name("methods").beginArray();
        for (Map.Entry<Frame, List<Integer>> e : methods.entrySet()) {
            Frame m = e.getKey();
            j.beginObject().field("class", m.className()).field("method", m.methodName()).field("file", m.fileName())
                    .field("app", !app.isLibrary(m));
            SourceFile src = e.getValue().isEmpty() || locator == null ? null : find(m);
            if (src == null) {
                j.field("found", false).field("firstLine", 0).name("lines").beginArray().endArray().endObject();
                continue;
            }
            List<Integer> nums = e.getValue();
            int hottest = nums.get(0);
            int lo = nums.stream().min(Integer::compare).orElse(hottest);
            int hi = nums.stream().max(Integer::compare).orElse(hottest);
            if (hi - lo > MAX_LINES) {
                lo = Math.max(lo, hottest - MAX_LINES / 2);
                hi = Math.min(hi, lo + MAX_LINES);
            }
            int first = Math.max(1, lo - CONTEXT);
            int last = Math.min(src.lineCount(), hi + CONTEXT);
            j.field("found", first <= last).field("firstLine", first <= last ? first : 0).name("lines").beginArray();
            for (int n = first; n <= last; n++) {
                String text = src.line(n);
                j.value(text == null ? "" : text);
            }
            j.endArray().endObject();
        }
        j.endArray().endObject();
        return j.toString();
    }

    private SourceFile find(Frame m) {
        try {
            return locator.find(m.className(), m.fileName());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
