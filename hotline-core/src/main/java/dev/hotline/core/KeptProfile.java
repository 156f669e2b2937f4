package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.model.Profile;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A kept request as Hotline holds it in memory: its summary, and its samples as references to shared stacks, so it
 * costs a few KiB rather than a whole {@link Profile}. The profile is built when asked for.
 *
 * @since 0.2
 */
public final class KeptProfile {
    private final RequestRecording recording;
    private final String keptBecause;
    private final String query;
    private final UnaryOperator<String> redact;
    private final long samples;
    private final java.util.List<String> appPackages;

    KeptProfile(RequestRecording recording, String keptBecause, UnaryOperator<String> redact, java.util.List<String> appPackages) {
        this.recording = recording;
        this.appPackages = appPackages;
        this.keptBecause = keptBecause;
        this.redact = redact;
        this.query = recording.rawQuery() == null ? null : redact.apply(recording.rawQuery());
        this.samples = recording.samplesTaken();
    }

    public String id() { return recording.id(); }
    public String method() { return recording.method(); }
    public String path() { return recording.path(); }
    /** The query as stored: redacted. */
    public String query() { return query; }
    public int status() { return recording.status(); }
    public Instant start() { return Instant.ofEpochSecond(0, recording.startEpochNs()); }
    public long durationNs() { return recording.durationNs(); }
    /** The framework's route template, or {@code null}. */
    public String route() { return recording.route(); }
    /** The distributed trace id (32 lowercase hex digits), or {@code null}. @since 0.3 */
    public String traceId() { return recording.traceId(); }
    public long sampleCount() { return samples; }
    public String engine() { return recording.engine().name(); }
    /** Whether its lines carry exact hit counts (traced by the Java agent). */
    public boolean exact() { return recording.exact(); }
    public String keptBecause() { return keptBecause; }

    /** Builds the profile (about a millisecond for a 100 ms request); not cached. */
    public Profile profile() {
        return recording.toProfile(redact).withAppPackages(appPackages).withKeptBecause(keptBecause);
    }
}
