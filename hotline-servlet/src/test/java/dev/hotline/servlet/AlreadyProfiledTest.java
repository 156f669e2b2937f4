package dev.hotline.servlet;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that already carries {@code dev.hotline.profile} (set by the Java agent, or by another copy of
 * Hotline in another class loader) passes through the filter without a second profile.
 */
class AlreadyProfiledTest {

    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setHeader("X-Seen", String.valueOf(req.getAttribute(HotlineFilter.PROFILE_ATTRIBUTE) != null));
            resp.getWriter().print("hello");
        }
    }

    /** Sets the attribute to what {@code marker} supplies, then runs the filter under test. */
    private record MarkingFilter(HotlineFilter inner, Supplier<Object> marker) implements Filter {
        @Override
        public void init(FilterConfig config) throws ServletException {
            inner.init(config);
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
            Object m = marker.get();
            if (m != null) req.setAttribute(HotlineFilter.PROFILE_ATTRIBUTE, m);
            inner.doFilter(req, res, chain);
        }

        @Override
        public void destroy() {
            inner.destroy();
        }
    }

    private static HotlineFilter filter() {
        return HotlineFilter.builder().textOutput(HotlineConfig.TextOutput.OFF).engine(HotlineConfig.Engine.JAVA).build();
    }

    @Test
    void profileOfAnotherClassLoadersHotline_passesThrough() throws Exception {
        URL core = Hotline.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {core}, ClassLoader.getPlatformClassLoader())) {
            Class<?> configClass = other.loadClass(HotlineConfig.class.getName());
            Object builder = configClass.getMethod("builder").invoke(null);
            Class<?> builderClass = builder.getClass();
            builderClass.getMethod("set", String.class, String.class).invoke(builder, "engine", "java");
            builderClass.getMethod("set", String.class, String.class).invoke(builder, "text-output", "off");
            Object config = builderClass.getMethod("build").invoke(builder);
            Class<?> hotlineClass = other.loadClass(Hotline.class.getName());
            AutoCloseable foreignHotline = (AutoCloseable) hotlineClass.getMethod("start", configClass).invoke(null, config);
            try {
                Object foreign = hotlineClass.getMethod("begin", String.class, String.class, String.class)
                        .invoke(foreignHotline, "GET", "/hello", null);
                assertThat(foreign).isNotNull();
                assertThat(foreign.getClass()).isNotSameAs(RequestProfile.class);
                assertThat(foreign.getClass().getName()).isEqualTo(RequestProfile.class.getName());

                HotlineFilter filter = filter();
                try (TestServer s = TestServer.builder().servlet("/hello", new Hello())
                        .filter(new MarkingFilter(filter, () -> foreign)).start()) {
                    HttpResponse<String> r = s.get("/hello");
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("hello");
                    assertThat(filter.hotline().stats().begun()).isZero();
                }
            } finally {
                foreignHotline.close();
            }
        }
    }

    @Test
    void profileOfThisClassLoadersHotline_passesThrough() throws Exception {
        try (Hotline agentLike = Hotline.start(HotlineConfig.builder().engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).build())) {
            HotlineFilter filter = filter();
            try (TestServer s = TestServer.builder().servlet("/hello", new Hello())
                    .filter(new MarkingFilter(filter, () -> agentLike.begin("GET", "/hello", null))).start()) {
                HttpResponse<String> r = s.get("/hello");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(filter.hotline().stats().begun()).isZero();
                assertThat(agentLike.stats().begun()).isEqualTo(1);
            }
        }
    }

    @Test
    void unmarkedRequest_isProfiledByTheFilter() throws Exception {
        HotlineFilter filter = filter();
        try (TestServer s = TestServer.builder().servlet("/hello", new Hello())
                .filter(new MarkingFilter(filter, () -> null)).start()) {
            HttpResponse<String> r = s.get("/hello");
            assertThat(r.headers().firstValue("X-Seen")).hasValue("true");
            assertThat(filter.hotline().stats().begun()).isEqualTo(1);
        }
    }
}
