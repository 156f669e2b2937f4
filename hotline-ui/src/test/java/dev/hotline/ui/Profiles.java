package dev.hotline.ui;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.time.Instant;

/** Small profiles for the results page's tests. */
final class Profiles {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Frame RUN = new Frame("java.lang.Thread", "run", "Thread.java", 840);
    static final Frame SERVLET = new Frame("com.acme.shop.ShopServlet", "doGet", "ShopServlet.java", 25);
    static final Frame LOAD = new Frame("com.acme.shop.OrderRepository", "load", "OrderRepository.java", 77);

    private Profiles() {}

    static Profile request(String id, String method, String path, String query, int status, Instant start, int ms, String route) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-1");
        for (int i = 0; i < ms; i++) b.sample(t, i * 1_000_000L, 1_000_000, 1, new Frame[] {LOAD, SERVLET, RUN});
        return b.build(id, new RequestInfo(method, path, query, status, start, ms * 1_000_000L + 300_000, null, route),
                "async-profiler", 1_000_000, false);
    }

    /** {@code p} as a request of trace {@code traceId}, span {@code spanId}. */
    static Profile traced(Profile p, String traceId, String spanId) {
        return new Profile(p.id(), p.request().withTrace(traceId, spanId), p.sampling(), p.threads(), p.nodes(), p.samples(),
                p.lines(), p.methods(), p.notes(), p.edges(), p.appPackages(), p.keptBecause());
    }
}
