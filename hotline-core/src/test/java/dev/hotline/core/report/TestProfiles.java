package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Profiles built from synthetic stacks for the report tests. */
final class TestProfiles {
    static final long MS = 1_000_000L;
    static final Instant START = Instant.parse("2025-03-01T10:15:30Z");
    static final String SHOP = "dev.hotline.core.report.fixtures.Shop";
    static final String FIXTURES = "dev.hotline.core.report.fixtures";

    private TestProfiles() {}

    static Frame f(String className, String method, String file, int line) {
        return new Frame(className, method, file, line);
    }

    /** Concatenates stack parts, each top frame first, into one stack (top first). */
    static Frame[] stack(Object... parts) {
        List<Frame> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Frame fr) out.add(fr);
            else out.addAll(Arrays.asList((Frame[]) p));
        }
        return out.toArray(new Frame[0]);
    }

    /** Adds {@code n} samples of 1 ms each with the given stack. */
    static void add(ProfileBuilder b, int n, Frame[] stack) {
        int t = b.thread("qtp-1");
        for (int i = 0; i < n; i++) b.sample(t, b.sampledNs(), MS, 1, stack);
    }

    static Profile build(ProfileBuilder b, long durationNs) {
        return b.build("p1", new RequestInfo("GET", "/checkout", null, 200, START, durationNs, null), "java", MS, false);
    }

    /** Line number of the only line of {@code Shop.java} containing {@code text}. */
    static int shopLine(String text) {
        try {
            List<String> lines = Files.readAllLines(shopSource(), StandardCharsets.UTF_8);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    if (found > 0) throw new IllegalArgumentException("not unique in Shop.java: " + text);
                    found = i + 1;
                }
            }
            if (found < 0) throw new IllegalArgumentException("not in Shop.java: " + text);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path shopSource() {
        return Path.of("src/test/java/dev/hotline/core/report/fixtures/Shop.java");
    }

    /** The root of the {@code com.acme.shop} sources kept as test resources. */
    static Path acmeSources() {
        URL url = TestProfiles.class.getResource("/dev/hotline/core/report/sources");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- a realistic request: a servlet on Jetty paying through an HTTP gateway, reading carts from H2 ---

    static final Frame[] CONTAINER = {
            f("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 527),
            f("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 614),
            f("org.eclipse.jetty.ee10.servlet.ServletHolder", "handle", "ServletHolder.java", 736),
            f("org.eclipse.jetty.ee10.servlet.ServletHandler$ChainEnd", "doFilter", "ServletHandler.java", 1614),
            f("dev.hotline.servlet.HotlineFilter", "doFilter", "HotlineFilter.java", 97),
            f("org.eclipse.jetty.ee10.servlet.FilterHolder", "doFilter", "FilterHolder.java", 205),
            f("org.eclipse.jetty.ee10.servlet.ServletHandler$Chain", "doFilter", "ServletHandler.java", 1586),
            f("org.eclipse.jetty.ee10.servlet.ServletHandler$MappedServlet", "handle", "ServletHandler.java", 1547),
            f("org.eclipse.jetty.ee10.servlet.ServletChannel", "dispatch", "ServletChannel.java", 824),
            f("org.eclipse.jetty.ee10.servlet.ServletChannel", "handle", "ServletChannel.java", 436),
            f("org.eclipse.jetty.ee10.servlet.ServletHandler", "handle", "ServletHandler.java", 469),
            f("org.eclipse.jetty.server.Handler$Wrapper", "handle", "Handler.java", 740),
            f("org.eclipse.jetty.server.Server", "handle", "Server.java", 182),
            f("org.eclipse.jetty.server.internal.HttpChannelState$HandlerInvoker", "run", "HttpChannelState.java", 662),
            f("org.eclipse.jetty.util.thread.QueuedThreadPool", "runJob", "QueuedThreadPool.java", 1034),
            f("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner", "run", "QueuedThreadPool.java", 1262),
            f("java.lang.Thread", "run", "Thread.java", 1583),
    };

    static final Frame[] HTTP_READ = {
            f("org.apache.http.impl.io.SessionInputBufferImpl", "streamRead", "SessionInputBufferImpl.java", 137),
            f("org.apache.http.impl.io.SessionInputBufferImpl", "fillBuffer", "SessionInputBufferImpl.java", 153),
            f("org.apache.http.impl.io.SessionInputBufferImpl", "readLine", "SessionInputBufferImpl.java", 280),
            f("org.apache.http.impl.conn.DefaultHttpResponseParser", "parseHead", "DefaultHttpResponseParser.java", 138),
            f("org.apache.http.impl.io.AbstractMessageParser", "parse", "AbstractMessageParser.java", 259),
            f("org.apache.http.impl.DefaultBHttpClientConnection", "receiveResponseHeader",
                    "DefaultBHttpClientConnection.java", 163),
            f("org.apache.http.protocol.HttpRequestExecutor", "doReceiveResponse", "HttpRequestExecutor.java", 273),
            f("org.apache.http.protocol.HttpRequestExecutor", "execute", "HttpRequestExecutor.java", 125),
            f("org.apache.http.impl.execchain.MainClientExec", "execute", "MainClientExec.java", 272),
            f("org.apache.http.impl.execchain.ProtocolExec", "execute", "ProtocolExec.java", 186),
            f("org.apache.http.impl.client.InternalHttpClient", "doExecute", "InternalHttpClient.java", 185),
            f("org.apache.http.impl.client.CloseableHttpClient", "execute", "CloseableHttpClient.java", 83),
    };

    static final Frame[] SOCKET_READ = {
            f("sun.nio.ch.Net", "poll", "Net.java", -1),
            f("sun.nio.ch.NioSocketImpl", "park", "NioSocketImpl.java", 186),
            f("sun.nio.ch.NioSocketImpl", "timedRead", "NioSocketImpl.java", 290),
            f("sun.nio.ch.NioSocketImpl", "implRead", "NioSocketImpl.java", 314),
            f("sun.nio.ch.NioSocketImpl", "read", "NioSocketImpl.java", 355),
            f("java.net.Socket$SocketInputStream", "read", "Socket.java", 966),
    };

    static final Frame[] H2_QUERY = {
            f("org.h2.mvstore.MVMap", "get", "MVMap.java", 450),
            f("org.h2.mvstore.db.MVPrimaryIndex", "find", "MVPrimaryIndex.java", 293),
            f("org.h2.command.query.Select", "queryFlat", "Select.java", 742),
            f("org.h2.command.query.Query", "query", "Query.java", 478),
            f("org.h2.command.CommandContainer", "query", "CommandContainer.java", 252),
            f("org.h2.command.Command", "executeQuery", "Command.java", 191),
            f("org.h2.jdbc.JdbcPreparedStatement", "executeQuery", "JdbcPreparedStatement.java", 130),
            f("com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "executeQuery",
                    "HikariProxyPreparedStatement.java", -1),
    };

    static final Frame[] JSON_WRITE = {
            f("com.fasterxml.jackson.core.json.WriterBasedJsonGenerator", "writeString",
                    "WriterBasedJsonGenerator.java", 495),
            f("com.fasterxml.jackson.databind.ser.std.StringSerializer", "serialize", "StringSerializer.java", 41),
            f("com.fasterxml.jackson.databind.ser.BeanPropertyWriter", "serializeAsField", "BeanPropertyWriter.java", 732),
            f("com.fasterxml.jackson.databind.ser.std.BeanSerializerBase", "serializeFields",
                    "BeanSerializerBase.java", 772),
            f("com.fasterxml.jackson.databind.ser.BeanSerializer", "serialize", "BeanSerializer.java", 178),
            f("com.fasterxml.jackson.databind.ser.DefaultSerializerProvider", "serializeValue",
                    "DefaultSerializerProvider.java", 479),
            f("com.fasterxml.jackson.databind.ObjectMapper", "_writeValueAndClose", "ObjectMapper.java", 4719),
            f("com.fasterxml.jackson.databind.ObjectMapper", "writeValueAsString", "ObjectMapper.java", 3964),
    };

    static final String ACME = "com.acme.shop.";

    static Frame servlet(int line) { return f(ACME + "CheckoutServlet", "doGet", "CheckoutServlet.java", line); }
    static Frame pay(int line) { return f(ACME + "Checkout", "pay", "Checkout.java", line); }

    /** GET /checkout: 415 samples of 1 ms, most of them waiting for the payment gateway's response. */
    static Profile checkout() {
        ProfileBuilder b = new ProfileBuilder();
        Frame[] payment = stack(f(ACME + "PaymentGateway", "charge", "PaymentGateway.java", 19), pay(23), servlet(31),
                CONTAINER);
        add(b, 380, stack(SOCKET_READ, HTTP_READ, payment));
        add(b, 5, stack(HTTP_READ, payment));
        add(b, 12, stack(H2_QUERY, f(ACME + "CartRepository", "load", "CartRepository.java", 17), pay(19),
                servlet(31), CONTAINER));
        add(b, 8, stack(JSON_WRITE, servlet(33), CONTAINER));
        add(b, 6, stack(f("java.lang.Thread", "sleep", "Thread.java", -1),
                f(ACME + "PaymentGateway", "charge", "PaymentGateway.java", 27), pay(23), servlet(31), CONTAINER));
        add(b, 5, stack(f("java.util.Formatter", "format", "Formatter.java", 2689),
                f("java.lang.String", "format", "String.java", 4150),
                f(ACME + "Checkout", "receipt", "Checkout.java", 29), pay(25), servlet(31), CONTAINER));
        add(b, 5, stack(pay(23), servlet(31), CONTAINER));
        add(b, 3, stack(servlet(26), CONTAINER));
        add(b, 1, stack(f("org.eclipse.jetty.server.Server", "handle", "Server.java", 182),
                Arrays.copyOfRange(CONTAINER, 13, CONTAINER.length)));
        return build(b, 426_300_000L);
    }
}
