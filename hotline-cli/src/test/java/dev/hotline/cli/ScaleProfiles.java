package dev.hotline.cli;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.store.ProfileDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Writes a directory of realistic request profiles, for measuring the command line at scale:
 *
 * <pre>
 * java -cp hotline-cli/target/hotline-cli.jar:hotline-cli/target/test-classes dev.hotline.cli.ScaleProfiles DIR [COUNT] [SEED]
 * </pre>
 *
 * Six endpoints of a web shop (a database wait, a payment call, server-side rendering, a search under a lock,
 * image reads, a health check), each served through about 35 frames of container, framework and filter code;
 * 40 to 80 frames deep; 50 to 500 samples of about 1 ms each; requests spread over a day on 40 pooled threads,
 * the checkout with a second worker thread. The same seed writes the same profiles.
 */
public final class ScaleProfiles {

    private record Endpoint(String method, String path, String[] app, String[][] leaves, double weight) {}

    private static final String[] CONTAINER = {
        "java.lang.Thread.run", "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run",
        "org.eclipse.jetty.util.thread.QueuedThreadPool.runJob", "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.run",
        "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.produce", "org.eclipse.jetty.util.thread.strategy.AdaptiveExecutionStrategy.tryProduce",
        "org.eclipse.jetty.io.FillInterest.fillable", "org.eclipse.jetty.server.internal.HttpConnection.onFillable",
        "org.eclipse.jetty.server.internal.HttpChannelState$HandlerInvoker.run", "org.eclipse.jetty.server.Server.handle",
        "org.eclipse.jetty.server.handler.ContextHandler.handle", "org.eclipse.jetty.ee10.servlet.ServletContextHandler.handle",
        "org.eclipse.jetty.ee10.servlet.ServletHandler.handle", "org.eclipse.jetty.ee10.servlet.ServletChannel.handle",
        "org.eclipse.jetty.ee10.servlet.ServletChannel.dispatch", "org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd.doFilter",
        "org.eclipse.jetty.ee10.servlet.FilterHolder.doFilter", "dev.hotline.servlet.HotlineFilter.doFilter",
        "dev.hotline.servlet.HotlineFilter.profile", "org.springframework.web.filter.OncePerRequestFilter.doFilter",
        "org.springframework.web.filter.CharacterEncodingFilter.doFilterInternal", "org.eclipse.jetty.ee10.servlet.FilterHolder.doFilter",
        "org.springframework.security.web.FilterChainProxy.doFilter", "org.springframework.security.web.FilterChainProxy.doFilterInternal",
        "org.springframework.security.web.ObservationFilterChainDecorator$VirtualFilterChain.doFilter",
        "jakarta.servlet.http.HttpServlet.service", "org.springframework.web.servlet.FrameworkServlet.service",
        "org.springframework.web.servlet.FrameworkServlet.processRequest", "org.springframework.web.servlet.DispatcherServlet.doService",
        "org.springframework.web.servlet.DispatcherServlet.doDispatch", "org.springframework.web.servlet.mvc.method.AbstractHandlerMethodAdapter.handle",
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod",
        "org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest", "java.lang.reflect.Method.invoke",
    };

    private static final String[] JDBC = {
        "com.zaxxer.hikari.pool.HikariProxyPreparedStatement.executeQuery", "org.postgresql.jdbc.PgPreparedStatement.executeQuery",
        "org.postgresql.jdbc.PgPreparedStatement.executeWithFlags", "org.postgresql.jdbc.PgStatement.executeInternal",
        "org.postgresql.core.v3.QueryExecutorImpl.execute", "org.postgresql.core.v3.QueryExecutorImpl.processResults",
        "org.postgresql.core.PGStream.receiveChar", "org.postgresql.core.VisibleBufferedInputStream.read",
        "org.postgresql.core.VisibleBufferedInputStream.readMore", "java.net.Socket$SocketInputStream.read",
        "sun.nio.ch.NioSocketImpl.read", "sun.nio.ch.NioSocketImpl.park", "sun.nio.ch.Net.poll",
    };
    private static final String[] HTTP_CALL = {
        "org.springframework.web.client.RestTemplate.exchange", "org.springframework.web.client.RestTemplate.doExecute",
        "org.springframework.http.client.AbstractClientHttpRequest.execute", "org.apache.hc.client5.http.impl.classic.InternalHttpClient.doExecute",
        "org.apache.hc.client5.http.impl.classic.MainClientExec.execute", "org.apache.hc.core5.http.impl.io.HttpRequestExecutor.execute",
        "org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection.receiveResponseHeader", "org.apache.hc.core5.http.impl.io.SessionInputBufferImpl.fillBuffer",
        "sun.security.ssl.SSLSocketImpl$AppInputStream.read", "sun.security.ssl.SSLSocketInputRecord.decode",
        "java.net.Socket$SocketInputStream.read", "sun.nio.ch.NioSocketImpl.read", "sun.nio.ch.Net.poll",
    };
    private static final String[] TEMPLATE = {
        "org.thymeleaf.TemplateEngine.process", "org.thymeleaf.engine.TemplateManager.parseAndProcess",
        "org.thymeleaf.engine.ProcessorTemplateHandler.handleOpenElement", "org.thymeleaf.standard.processor.StandardEachTagProcessor.doProcess",
        "org.thymeleaf.engine.IteratedGatheringModelProcessable.process", "org.thymeleaf.engine.Model.process",
        "org.thymeleaf.standard.expression.StandardExpressions.parse", "java.lang.String.format", "java.util.Formatter.format",
    };
    private static final String[] LOCK = {
        "java.util.concurrent.locks.ReentrantLock.lock", "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
        "java.util.concurrent.locks.LockSupport.park", "jdk.internal.misc.Unsafe.park",
    };
    private static final String[] HASH = {
        "java.security.MessageDigest.digest", "sun.security.provider.DigestBase.engineDigest", "sun.security.provider.SHA2.implCompress",
    };
    private static final String[] FILE_READ = {
        "java.nio.file.Files.readAllBytes", "sun.nio.ch.FileChannelImpl.read", "sun.nio.ch.IOUtil.read", "sun.nio.ch.FileDispatcherImpl.read0",
    };

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/orders/{id}", new String[] {"com.acme.shop.web.OrderController.show", "com.acme.shop.order.OrderService.find",
                "com.acme.shop.order.OrderRepository.load", "org.springframework.jdbc.core.JdbcTemplate.query",
                "org.springframework.jdbc.core.JdbcTemplate.execute"}, new String[][] {JDBC, HASH}, 0.35),
            new Endpoint("POST", "/checkout", new String[] {"com.acme.shop.web.CheckoutController.submit", "com.acme.shop.checkout.Checkout.pay",
                "com.acme.shop.payment.PaymentGateway.charge", "com.acme.shop.payment.PaymentClient.post"}, new String[][] {HTTP_CALL, JDBC, HASH}, 0.15),
            new Endpoint("GET", "/catalog", new String[] {"com.acme.shop.web.CatalogController.list", "com.acme.shop.catalog.CatalogView.render",
                "org.springframework.web.servlet.view.AbstractTemplateView.render"}, new String[][] {TEMPLATE, JDBC}, 0.2),
            new Endpoint("GET", "/search", new String[] {"com.acme.shop.web.SearchController.search", "com.acme.shop.search.SearchIndex.query",
                "com.acme.shop.search.SearchIndex.refreshIfStale"}, new String[][] {LOCK, HASH, TEMPLATE}, 0.15),
            new Endpoint("GET", "/images/{id}", new String[] {"com.acme.shop.web.ImageController.get", "com.acme.shop.media.ImageStore.read"},
                    new String[][] {FILE_READ, HASH}, 0.1),
            new Endpoint("GET", "/health", new String[] {"com.acme.shop.web.HealthController.health", "com.acme.shop.ops.Checks.database"},
                    new String[][] {JDBC}, 0.05));

    private ScaleProfiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ScaleProfiles DIR [COUNT] [SEED]");
            System.exit(1);
        }
        Path dir = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        long start = System.nanoTime();
        write(dir, count, seed);
        long bytes;
        try (var files = Files.list(dir)) {
            bytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("wrote %,d profiles (%,d bytes) to %s in %.1f s%n", count, bytes, dir, (System.nanoTime() - start) / 1e9);
    }

    /** Writes {@code count} profiles into {@code dir}, in parallel; profile {@code i} depends only on the seed and i. */
    static void write(Path dir, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        ProfileDirectory store = new ProfileDirectory(dir, Integer.MAX_VALUE, Long.MAX_VALUE);
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, count).parallel().forEach(i -> {
            try {
                store.write(profile(new Random(seed * 1_000_003 + i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done.incrementAndGet();
        });
    }

    /** One request's profile. */
    static Profile profile(Random r) {
        Endpoint e = pick(r);
        ProfileBuilder b = new ProfileBuilder();
        int http = b.thread("http-nio-8080-exec-" + (1 + r.nextInt(40)));
        int worker = e.path().equals("/checkout") ? b.thread("ForkJoinPool.commonPool-worker-" + (1 + r.nextInt(8))) : -1;
        int samples = 50 + r.nextInt(451);
        int variant = r.nextInt(3); // the request's own flavour: which branch of the app it takes most
        int depth = 40 + r.nextInt(41); // proxies and interceptors vary with the request's route
        long offset = 0;
        for (int s = 0; s < samples; s++) {
            long weight = 900_000 + r.nextInt(300_000);
            boolean onWorker = worker >= 0 && r.nextInt(5) == 0;
            b.sample(onWorker ? worker : http, offset, weight, 1, stack(e, r, variant, depth, onWorker));
            offset += weight;
        }
        String path = e.path().replace("{id}", Integer.toString(1 + r.nextInt(5000)));
        Instant start = Instant.parse("2026-11-21T00:00:00Z").plusMillis(r.nextInt(86_400_000));
        int status = r.nextInt(50) == 0 ? 500 : 200;
        return b.build(Long.toString(r.nextLong() & Long.MAX_VALUE, 36), new RequestInfo(e.method(), path, null, status, start,
                offset + r.nextInt(2_000_000), status == 500 ? "java.sql.SQLTransientConnectionException" : null),
                "async-profiler", 1_000_000, false);
    }

    private static Endpoint pick(Random r) {
        double x = r.nextDouble();
        for (Endpoint e : ENDPOINTS) {
            x -= e.weight();
            if (x <= 0) return e;
        }
        return ENDPOINTS.get(0);
    }

    /** Top frame first: container, app (a prefix of it), then a leaf library's frames, 40 to 80 deep. */
    private static Frame[] stack(Endpoint e, Random r, int variant, int depth, boolean onWorker) {
        List<Frame> bottomUp = new ArrayList<>(80);
        if (onWorker) {
            bottomUp.add(frame("java.lang.Thread.run", 840));
            bottomUp.add(frame("java.util.concurrent.ForkJoinWorkerThread.run", 165));
            bottomUp.add(frame("java.util.concurrent.ForkJoinPool.runWorker", 1623));
            bottomUp.add(frame("java.util.concurrent.CompletableFuture$AsyncSupply.run", 1768));
        } else {
            for (int i = 0; i < CONTAINER.length; i++) bottomUp.add(frame(CONTAINER[i], 100 + (i * 37) % 400));
        }
        int appDepth = 1 + r.nextInt(e.app().length);
        for (int i = 0; i < appDepth; i++) {
            int line = 20 + i * 11 + (i == appDepth - 1 ? (variant + r.nextInt(2)) * 3 : 0);
            bottomUp.add(frame(e.app()[i], line));
        }
        String[] leaf = e.leaves()[(variant + (r.nextInt(4) == 0 ? 1 : 0)) % e.leaves().length];
        int leafDepth = r.nextInt(4) == 0 ? 0 : 2 + r.nextInt(leaf.length - 1);
        for (int i = 0; i < leafDepth; i++) bottomUp.add(frame(leaf[i], 200 + i * 13));
        // Proxies and interceptors between the controller and the services make up the rest of the depth.
        int proxiesAt = bottomUp.size() - leafDepth - appDepth + 1;
        for (int pad = 0; bottomUp.size() < depth; pad++) {
            bottomUp.add(proxiesAt, frame("org.springframework.aop.framework.ReflectiveMethodInvocation.proceed", 184 + pad % 3));
        }
        Frame[] stack = new Frame[bottomUp.size()];
        for (int i = 0; i < stack.length; i++) stack[i] = bottomUp.get(stack.length - 1 - i);
        return stack;
    }

    private static Frame frame(String qualified, int line) {
        int dot = qualified.lastIndexOf('.');
        String cls = qualified.substring(0, dot);
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        String file = (dollar < 0 ? simple : simple.substring(0, dollar)) + ".java";
        return new Frame(cls, qualified.substring(dot + 1), file, line);
    }
}
