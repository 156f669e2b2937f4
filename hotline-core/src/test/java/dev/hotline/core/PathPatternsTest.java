package dev.hotline.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PathPatternsTest {
    @Test
    void globs() {
        PathPatterns p = new PathPatterns(List.of("/api/**", "*.css", "/orders/*", "/exact"));
        assertThat(p.matches("/api")).isFalse();
        assertThat(p.matches("/api/")).isTrue();
        assertThat(p.matches("/api/v1/orders/42")).isTrue();
        assertThat(p.matches("/static/site.css")).isTrue();
        assertThat(p.matches("/orders/42")).isTrue();
        assertThat(p.matches("/orders/42/items")).isFalse();
        assertThat(p.matches("/exact")).isTrue();
        assertThat(p.matches("/exactly")).isFalse();
        assertThat(new PathPatterns(List.of("/**/health")).matches("/health")).isTrue();
        assertThat(new PathPatterns(List.of("/**/health")).matches("/a/b/health")).isTrue();
        assertThat(new PathPatterns(List.of("/a?c")).matches("/abc")).isTrue();
        assertThat(new PathPatterns(List.of("/a.c")).matches("/abc")).as("dots are literal").isFalse();
    }
}
