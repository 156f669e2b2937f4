package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.hotline.core.report.TestProfiles.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportOptionsTest {

    private static Frame frame(String className) {
        return f(className, "run", null, 1);
    }

    @Test
    void defaults() {
        ReportOptions o = ReportOptions.defaults();
        assertThat(o.includePackages()).isEmpty();
        assertThat(o.excludePackages()).isEmpty();
        assertThat(o.topMethods()).isEqualTo(10);
        assertThat(o.minShare()).isEqualTo(0.01);
        assertThat(o.sourcePaths()).isEmpty();
        assertThat(o.colours()).isFalse();
        assertThat(o.ascii()).isFalse();
    }

    @Test
    void packagePrefixesMatchWholeSegments() {
        assertThat(ReportOptions.matchesPackage("com.acme.Shop", "com.acme")).isTrue();
        assertThat(ReportOptions.matchesPackage("com.acme.web.Cart", "com.acme")).isTrue();
        assertThat(ReportOptions.matchesPackage("com.acme", "com.acme")).isTrue();
        assertThat(ReportOptions.matchesPackage("com.acme.Shop$Cart", "com.acme.Shop")).isTrue();
        assertThat(ReportOptions.matchesPackage("com.acmeco.Shop", "com.acme")).isFalse();
        assertThat(ReportOptions.matchesPackage("com.ac", "com.acme")).isFalse();
    }

    @Test
    void byDefaultJdkContainersFrameworksAndHotlineAreLibrary() {
        ReportOptions o = ReportOptions.defaults();
        for (String lib : List.of("java.lang.Thread", "jdk.internal.misc.Unsafe", "sun.nio.ch.Net",
                "jakarta.servlet.http.HttpServlet", "org.eclipse.jetty.server.Server",
                "org.apache.catalina.core.StandardWrapperValve", "org.springframework.web.servlet.DispatcherServlet",
                "kotlin.collections.CollectionsKt", "org.h2.command.Command", "dev.hotline.servlet.HotlineFilter")) {
            assertThat(o.isLibrary(frame(lib))).as(lib).isTrue();
        }
        assertThat(o.isLibrary(frame("com.acme.Shop"))).isFalse();
        assertThat(o.isLibrary(frame("Main"))).isFalse();
        assertThat(o.isLibrary(frame("javafoo.Bar"))).as("prefix ends at a segment").isFalse();
    }

    @Test
    void includePackagesMakeEverythingElseLibrary() {
        ReportOptions o = ReportOptions.builder().includePackages("com.acme", "org.springframework.samples").build();
        assertThat(o.isLibrary(frame("com.acme.Shop"))).isFalse();
        assertThat(o.isLibrary(frame("org.springframework.samples.petclinic.Owner"))).isFalse();
        assertThat(o.isLibrary(frame("org.springframework.web.Foo"))).isTrue();
        assertThat(o.isLibrary(frame("com.other.Thing"))).isTrue();
        assertThat(o.isLibrary(frame("com.acmeco.Thing"))).isTrue();
    }

    @Test
    void excludesWinOverIncludesAndCustomPredicates() {
        ReportOptions o = ReportOptions.builder().includePackages("com.acme").excludePackages("com.acme.generated")
                .build();
        assertThat(o.isLibrary(frame("com.acme.Shop"))).isFalse();
        assertThat(o.isLibrary(frame("com.acme.generated.Mapper"))).isTrue();

        ReportOptions custom = ReportOptions.builder().library(f -> f.className().startsWith("x."))
                .excludePackages("com.acme.generated").build();
        assertThat(custom.isLibrary(frame("x.Y"))).isTrue();
        assertThat(custom.isLibrary(frame("java.lang.Thread"))).as("the custom predicate replaces the list").isFalse();
        assertThat(custom.isLibrary(frame("com.acme.generated.Mapper"))).isTrue();
    }

    @Test
    void builderNormalisesPackagesAndKeepsOptionsImmutable() {
        ReportOptions.Builder b = ReportOptions.builder().includePackages(" com.acme. ", "", "com.acme", "  ")
                .topMethods(3).minShare(0.05).sourcePaths(List.of(Path.of("src"))).colours(true).ascii(true);
        ReportOptions o = b.build();
        b.includePackages("org.other").topMethods(7);
        assertThat(o.includePackages()).containsExactly("com.acme");
        assertThat(o.topMethods()).isEqualTo(3);
        assertThat(o.isLibrary(frame("org.other.X"))).isTrue();

        ReportOptions copy = o.toBuilder().build();
        assertThat(copy.includePackages()).isEqualTo(o.includePackages());
        assertThat(copy.minShare()).isEqualTo(0.05);
        assertThat(copy.sourcePaths()).containsExactly(Path.of("src"));
        assertThat(copy.colours()).isTrue();
        assertThat(copy.ascii()).isTrue();
        assertThat(copy.isLibrary(frame("com.acme.X"))).isFalse();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> ReportOptions.builder().topMethods(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportOptions.builder().minShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportOptions.builder().minShare(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
