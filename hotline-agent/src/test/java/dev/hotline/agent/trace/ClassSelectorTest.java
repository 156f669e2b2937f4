package dev.hotline.agent.trace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassSelectorTest {

    @Test
    void theDemoApplication_isTracedWhenSelected() {
        ClassSelector s = new ClassSelector(List.of("dev.hotline.demo"));
        assertThat(s.selects("dev/hotline/demo/DemoApp")).isTrue();
        assertThat(s.selects("dev/hotline/demo/shop/Checkout$Cart")).isTrue();
        assertThat(s.selects("dev/hotline/demonstration/Other")).isFalse();
    }

    @Test
    void hotlinesLibraryModules_areNeverTraced_evenWhenTheWholeNamespaceIsSelected() {
        ClassSelector s = new ClassSelector(List.of("dev.hotline"));
        for (String lib : List.of("dev/hotline/core/Hotline", "dev/hotline/core/model/Profile", "dev/hotline/agent/Agent",
                "dev/hotline/agent/trace/TraceRuntime", "dev/hotline/servlet/HotlineFilter", "dev/hotline/ui/ResultsPage",
                "dev/hotline/cli/Main", "dev/hotline/bench/trace/TracingBenchmark")) {
            assertThat(s.selects(lib)).as(lib).isFalse();
        }
        assertThat(s.selects("dev/hotline/demo/DemoApp")).isTrue();
        ClassSelector core = new ClassSelector(List.of("dev.hotline.core"));
        assertThat(core.selects("dev/hotline/core/Hotline")).isFalse();
    }

    @Test
    void benchmarksLoadTestApp_isTracedWhenSelected_itsBenchmarksNever() {
        ClassSelector s = new ClassSelector(List.of("dev.hotline.bench"));
        assertThat(s.selects("dev/hotline/bench/app/Router")).isTrue();
        assertThat(s.selects("dev/hotline/bench/trace/TracingBenchmark")).isFalse();
    }

    @Test
    void benchmarkApplication_outsideHotlinesNamespace_isTracedWhenSelected() {
        assertThat(new ClassSelector(List.of("benchapp")).selects("benchapp/shop/Shop$OrderHandler")).isTrue();
        assertThat(new ClassSelector(List.of("benchapp")).selects("benchapp/shop/Shop$$Lambda/0x0000000800c4b2a8")).isFalse();
    }

    @Test
    void jdkAndContainers_areNeverTraced() {
        ClassSelector s = new ClassSelector(List.of("java", "org.eclipse", "org.apache", "io.undertow"));
        assertThat(s.selects("java/util/ArrayList")).isFalse();
        assertThat(s.selects("org/eclipse/jetty/server/Server")).isFalse();
        assertThat(s.selects("org/apache/catalina/core/StandardWrapper")).isFalse();
        assertThat(s.selects("io/undertow/server/HttpServerExchange")).isFalse();
    }
}
