package dev.hotline.cli;

import dev.hotline.core.PathPatterns;
import dev.hotline.core.model.Profile;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Which profiles of a directory to take: request paths matching {@code --path} globs, requests started at or
 * after {@code --since} and before {@code --until}.
 *
 * @param paths the path globs, empty for every path
 * @param globs the globs as given, for messages
 * @param since earliest start, inclusive, or {@code null}
 * @param until latest start, exclusive, or {@code null}
 */
record RequestFilter(PathPatterns paths, List<String> globs, Instant since, Instant until) {

    static final RequestFilter ALL = new RequestFilter(new PathPatterns(List.of()), List.of(), null, null);

    /** From {@code --path}, {@code --since} and {@code --until}. */
    static RequestFilter of(Arguments args) throws UserError {
        List<String> globs = args.list("--path");
        PathPatterns paths;
        try {
            paths = new PathPatterns(globs);
        } catch (IllegalArgumentException e) {
            throw new UserError("--path: " + Messages.oneLine(e.getMessage()));
        }
        Instant since = time(args, "--since");
        Instant until = time(args, "--until");
        if (since != null && until != null && !since.isBefore(until)) {
            throw new UserError("--since " + since + " is not before --until " + until);
        }
        return new RequestFilter(paths, globs, since, until);
    }

    boolean isEmpty() {
        return paths.isEmpty() && since == null && until == null;
    }

    boolean matches(Profile p) {
        if (!paths.isEmpty() && !paths.matches(p.request().path())) return false;
        Instant start = p.request().start();
        if (since != null && start.isBefore(since)) return false;
        return until == null || start.isBefore(until);
    }

    /** {@code --path '/orders/*' --since 2026-11-21T00:00:00Z}: the filter as the user gave it. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (String g : globs) parts.add("--path " + Messages.quote(g));
        if (since != null) parts.add("--since " + since);
        if (until != null) parts.add("--until " + until);
        return String.join(" ", parts);
    }

    /**
     * {@code 2026-11-21T10:15:30Z}, with an offset ({@code +02:00}), without a zone (UTC), or a date alone (its
     * midnight, UTC).
     */
    static Instant parseTime(String option, String text) throws UserError {
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeException e) {
            // next form
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            // next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new UserError(option + ": expected a date or time such as 2026-11-21, 2026-11-21T10:15:00Z or "
                    + "2026-11-21T12:15:00+02:00, got " + Messages.quote(text));
        }
    }

    private static Instant time(Arguments args, String option) throws UserError {
        String v = args.value(option);
        return v == null ? null : parseTime(option, v);
    }
}
