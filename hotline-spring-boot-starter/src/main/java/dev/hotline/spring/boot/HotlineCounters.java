package dev.hotline.spring.boot;

import dev.hotline.core.HotlineStats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Hotline's counters ({@link HotlineStats}) under the names the Actuator endpoint and Micrometer show them by.
 * The one place that maps them: a counter added to {@code HotlineStats} is added here, and both follow.
 */
final class HotlineCounters {

    /**
     * @param key         its name in the {@code hotline} endpoint's {@code counters}
     * @param metric      its Micrometer name (a counter: it only grows)
     * @param description what it counts
     */
    record Counter(String key, String metric, String description, ToLongFunction<HotlineStats> read) {}

    static final List<Counter> ALL = List.of(
            new Counter("sampled", "hotline.requests.sampled", "Requests Hotline sampled", HotlineStats::sampled),
            new Counter("kept", "hotline.profiles.kept", "Profiles kept under keep-rate: built and handed to their outputs", HotlineStats::kept),
            new Counter("notKept", "hotline.profiles.not.kept", "Sampled requests whose profile was not kept; they count in their endpoint's figures", HotlineStats::notKept),
            new Counter("dropped", "hotline.requests.dropped", "Sampled requests dropped because the pipeline queue was full (requests never wait)", HotlineStats::dropped),
            new Counter("failures", "hotline.failures", "Failures inside Hotline (the request went on unprofiled, or an output failed)", HotlineStats::failures),
            new Counter("filesWritten", "hotline.files.written", "Profile files written", HotlineStats::filesWritten),
            new Counter("fileFailures", "hotline.files.failed", "Profile files that could not be written", HotlineStats::fileFailures),
            new Counter("filesDropped", "hotline.files.dropped", "Kept profiles not written because the writer's queue was full", HotlineStats::filesDropped),
            new Counter("directoryOutages", "hotline.directory.outages", "Times writing to the profile directory stopped working", HotlineStats::directoryOutages),
            new Counter("directoryRecoveries", "hotline.directory.recoveries", "Times writing to the profile directory worked again", HotlineStats::directoryRecoveries));

    private HotlineCounters() {}

    static Map<String, Long> asMap(HotlineStats stats) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Counter c : ALL) out.put(c.key(), c.read().applyAsLong(stats));
        return out;
    }
}
