package dev.hotline.core;

import dev.hotline.core.model.Profile;

/**
 * Run in a JVM of its own by {@link LoggingDisabledTest}: profiles five requests with the default engine and prints,
 * per profile, its engine, sample count and notes, then the engine in use and why.
 */
public final class LoggingDisabledApp {
    public static void main(String[] args) throws Exception {
        HotlineConfig config = HotlineConfig.builder().set("text-output", "off").set("keep-rate", "all")
                .systemProperties(new java.util.Properties()).environment(java.util.Map.of()).build();
        try (Hotline h = Hotline.start(config)) {
            for (int i = 0; i < 5; i++) {
                RequestProfile p = h.begin("GET", "/r" + i, null);
                long end = System.nanoTime() + 40_000_000;
                long x = 0;
                while (System.nanoTime() < end) x += i;
                Thread.sleep(20);
                p.detach();
                p.end(200, null);
                if (x == 42) System.out.print("");
            }
            HotlineStats s = CapturePipelineTest.settle(h);
            for (Profile p : h.recentProfiles()) {
                System.out.println("profile engine=" + p.sampling().engine() + " samples=" + p.sampling().sampleCount()
                        + " notes=" + p.notes());
            }
            System.out.println("engine now=" + h.engineName() + " fallback=" + h.engineFallbackReason() + " kept=" + s.kept());
        }
    }
}
