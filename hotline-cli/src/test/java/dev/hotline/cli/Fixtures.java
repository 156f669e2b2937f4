package dev.hotline.cli;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.store.ProfileDirectory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Profiles for the command line's tests. */
final class Fixtures {
    /** The format's golden file, from hotline-core's test resources (tests run in the module's directory). */
    static final Path GOLDEN = Path.of("../hotline-core/src/test/resources/dev/hotline/core/format/profile-v1.json");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    static final Frame RUN = new Frame("java.lang.Thread", "run", "Thread.java", 840);
    static final Frame SERVLET = new Frame("com.acme.shop.ShopServlet", "doGet", "ShopServlet.java", 25);
    static final Frame LOAD = new Frame("com.acme.shop.OrderRepository", "load", "OrderRepository.java", 77);
    static final Frame PRICE = new Frame("com.acme.shop.Prices", "price", "Prices.java", 12);
    static final Frame READ = new Frame("java.net.SocketInputStream", "read", "SocketInputStream.java", 140);

    private Fixtures() {}

    /** A request to {@code path} that spent {@code loadMs} waiting in OrderRepository.load and {@code priceMs} in Prices.price. */
    static Profile request(String path, Instant start, int loadMs, int priceMs) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-nio-8080-exec-1");
        long offset = 0;
        for (int i = 0; i < loadMs; i++, offset += 1_000_000) b.sample(t, offset, 1_000_000, 1, new Frame[] {READ, LOAD, SERVLET, RUN});
        for (int i = 0; i < priceMs; i++, offset += 1_000_000) b.sample(t, offset, 1_000_000, 1, new Frame[] {PRICE, SERVLET, RUN});
        return b.build("r" + Long.toString(start.getEpochSecond(), 36) + "-" + loadMs + "-" + priceMs,
                new RequestInfo("GET", path, null, 200, start, offset + 400_000, null), "async-profiler", 1_000_000, false);
    }

    /** Saves {@code p} in {@code dir} under its usual name. */
    static Path save(Path dir, Profile p) throws IOException {
        return new ProfileDirectory(dir, Integer.MAX_VALUE, Long.MAX_VALUE).write(p);
    }

    /** Saves {@code p} as {@code file}. */
    static Path saveAs(Path file, Profile p) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ProfileJson.write(p, out);
        }
        return file;
    }
}
