package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.KeptProfile;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Actuator endpoint {@code hotline}: the engine, the counters, the main settings and the most recent profiles.
 * Actuator's rules apply: over HTTP it answers only when exposed
 * ({@code management.endpoints.web.exposure.include=hotline}), behind whatever security guards the other endpoints.
 * The {@code ui-token} is never shown.
 *
 * @since 0.2
 */
@Endpoint(id = "hotline")
public class HotlineEndpoint {
    /** Recent profiles listed; the results page has them all. */
    static final int RECENT = 20;

    private final Hotline hotline;

    public HotlineEndpoint(Hotline hotline) {
        this.hotline = hotline;
    }

    @ReadOperation
    public Map<String, Object> hotline() {
        HotlineConfig c = hotline.config();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", hotline.engineName());
        if (hotline.engineFallbackReason() != null) out.put("engineFallback", hotline.engineFallbackReason());
        out.put("counters", HotlineCounters.asMap(hotline.stats()));
        dev.hotline.core.fleet.FleetStats f = hotline.fleetStats();
        if (f != null) {
            Map<String, Object> fleet = new LinkedHashMap<>();
            fleet.put("store", dev.hotline.core.fleet.FleetConnections.masked(c.store()));
            fleet.put("service", hotline.fleetIdentity().service());
            fleet.put("instance", hotline.fleetIdentity().instance());
            fleet.put("version", hotline.fleetIdentity().version());
            fleet.put("reachable", f.reachable());
            fleet.put("profilesWritten", f.profilesWritten());
            fleet.put("minutesWritten", f.minutesWritten());
            fleet.put("backlog", f.backlog());
            fleet.put("dropped", f.dropped());
            fleet.put("rejected", f.rejected());
            fleet.put("outages", f.outages());
            fleet.put("recoveries", f.recoveries());
            out.put("fleet", fleet);
        }
        out.put("settings", settings(c));
        out.put("recent", recent(hotline.recentKept()));
        return out;
    }

    private static Map<String, Object> settings(HotlineConfig c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("enabled", c.enabled());
        s.put("profileDir", c.profileDir() == null ? null : c.profileDir().toAbsolutePath().toString());
        s.put("includePackages", c.includePackages());
        s.put("includePaths", c.includePaths());
        s.put("excludePaths", c.excludePaths());
        s.put("profileOneIn", c.profileOneIn());
        s.put("minDurationMs", c.minDurationNs() / 1e6);
        s.put("intervalMs", c.intervalNs() / 1e6);
        s.put("uiPath", c.uiEnabled() ? c.uiPath() : null);
        s.put("uiToken", c.uiToken() != null);
        return s;
    }

    private static List<Map<String, Object>> recent(List<KeptProfile> kept) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (KeptProfile k : kept.subList(0, Math.min(RECENT, kept.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", k.id());
            m.put("method", k.method());
            m.put("path", k.path());
            if (k.route() != null) m.put("route", k.route());
            m.put("status", k.status());
            m.put("start", k.start().toString());
            m.put("durationMs", Math.round(k.durationNs() / 1e3) / 1e3);
            m.put("samples", k.sampleCount());
            m.put("keptBecause", k.keptBecause());
            out.add(m);
        }
        return out;
    }
}
