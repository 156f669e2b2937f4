package dev.hotline.core.report;

import dev.hotline.core.model.Profile;

import java.util.Set;

/**
 * Renders a profile as plain text: the line table, the call tree, or both.
 *
 * @since 0.1
 */
public final class TextReports {

    /**
     * The reports {@link #render} can produce, in the order it writes them.
     *
     * @since 0.1
     */
    public enum Kind {
        /** {@link LineTableReport}. */
        LINES,
        /** {@link CallTreeReport}. */
        TREE,
        /** {@link MethodTableReport}, by cumtime unless {@link #render(Profile, ReportOptions, SourceLocator, Set, MethodTableReport.Sort)} says otherwise. @since 0.2 */
        METHODS
    }

    private TextReports() {}

    /**
     * The request summary and notes once, then each requested report; an empty set gives the summary and
     * notes alone. Sources are looked up with {@link SourceLocator#forOptions}. Never throws for missing
     * sources or an empty profile.
     */
    public static String render(Profile profile, ReportOptions options, Set<Kind> kinds) {
        return render(profile, options, SourceLocator.forOptions(options), kinds);
    }

    /** As {@link #render(Profile, ReportOptions, Set)}, reading sources through {@code sources}. */
    public static String render(Profile profile, ReportOptions options, SourceLocator sources, Set<Kind> kinds) {
        return render(profile, options, sources, kinds, MethodTableReport.Sort.CUMTIME);
    }

    /** As {@link #render(Profile, ReportOptions, SourceLocator, Set)}, the method table sorted by {@code methodSort}. @since 0.2 */
    public static String render(Profile profile, ReportOptions options, SourceLocator sources, Set<Kind> kinds,
                                MethodTableReport.Sort methodSort) {
        String text = renderSampled(profile, options, sources, kinds);
        // A sampled-only profile has no method table: its text stays as it was before exact tracing existed.
        if (!kinds.contains(Kind.METHODS) || profile.methods().stream().noneMatch(m -> m.traced())) return text;
        StringBuilder out = new StringBuilder(text);
        new MethodTableReport(methodSort, options.topMethods() * 5).appendTable(out, profile);
        return out.toString();
    }

    private static String renderSampled(Profile profile, ReportOptions options, SourceLocator sources, Set<Kind> kinds) {
        StringBuilder out = new StringBuilder(4096);
        if (!kinds.contains(Kind.LINES)) {
            // The tree's root line is the summary: print the notes above it and nothing twice.
            if (kinds.contains(Kind.TREE)) return new CallTreeReport(options).render(profile);
            out.append(Text.summary(profile)).append('\n');
            Text.notes(out, profile);
            return out.toString();
        }
        out.append(Text.summary(profile)).append('\n');
        Text.notes(out, profile);
        new LineTableReport(options, sources).appendTables(out, profile);
        if (kinds.contains(Kind.TREE)) {
            // The tree repeats the summary line as its root, so it reads on its own below the tables.
            out.append('\n');
            new CallTreeReport(options).appendTree(out, profile);
        }
        return out.toString();
    }
}
