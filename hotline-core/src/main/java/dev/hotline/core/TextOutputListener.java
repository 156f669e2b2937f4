package dev.hotline.core;

import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.MethodTableReport;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.core.report.TextReports;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;

/** Prints each profile's text reports to the log, stdout or stderr, as {@code text-output} says. */
final class TextOutputListener implements ProfileListener {
    private final HotlineConfig.TextOutput output;
    private final ReportOptions options;
    private final SourceLocator sources;
    private final Set<TextReports.Kind> kinds = EnumSet.noneOf(TextReports.Kind.class);
    private final MethodTableReport.Sort methodSort;

    /** @param loader the application's class loader, to find the source next to its classes */
    TextOutputListener(HotlineConfig config, ClassLoader loader) {
        this.output = config.textOutput();
        this.options = ReportOptions.builder()
                // The application's packages come with each profile (configured or detected).
                .excludePackages(config.excludePackages())
                .topMethods(config.top())
                .minShare(config.minShare())
                .sourcePaths(config.sourcePaths())
                .build();
        this.sources = new SourceLocator(config.sourcePaths(), loader);
        for (HotlineConfig.Report r : config.reports()) {
            kinds.add(TextReports.Kind.valueOf(r.name()));
        }
        this.methodSort = MethodTableReport.Sort.valueOf(config.methodSort().name());
    }

    @Override
    public void onProfile(Profile profile) {
        if (kinds.isEmpty()) return;
        String text = TextReports.render(profile, options, sources, kinds, methodSort);
        switch (output) {
            case LOG -> FailureLog.log().log(System.Logger.Level.INFO, "Hotline profile {0}\n{1}", profile.id(), text);
            case STDOUT -> print(System.out, text);
            case STDERR -> print(System.err, text);
            case OFF -> { }
        }
    }

    private static void print(PrintStream out, String text) {
        // One write per report, so concurrent output from the app does not interleave within it.
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
