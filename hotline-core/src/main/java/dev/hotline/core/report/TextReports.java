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
        TREE
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
