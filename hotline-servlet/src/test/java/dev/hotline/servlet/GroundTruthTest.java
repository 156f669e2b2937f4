package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each engine puts each line's share of the request within 5 percentage points of the time the handler
 * measured itself spending there: on the CPU, asleep, and blocked on a monitor.
 */
class GroundTruthTest {

    @ParameterizedTest
    @EnumSource(value = HotlineConfig.Engine.class, names = {"JAVA", "ASYNC_PROFILER"})
    void lineSharesMatchMeasuredTime(HotlineConfig.Engine engine) throws Exception {
        TestServer.Profiles profiles = new TestServer.Profiles();
        HotlineFilter filter = HotlineFilter.builder().engine(engine).textOutput(HotlineConfig.TextOutput.OFF)
                .listener(profiles::add).build();
        try (TestServer server = TestServer.builder().servlet("/truth", new GroundTruthWorkload()).filter(filter).start()) {
            assertThat(filter.hotline().engineName()).isEqualTo(engine.toString());
            server.get("/truth");          // warm up the JIT and Jetty
            profiles.next();

            HttpResponse<String> response = server.get("/truth");
            Profile profile = profiles.next();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(profile.sampling().engine()).isEqualTo(engine.toString());
            assertThat(profile.sampling().sampleCount()).isGreaterThan(50);

            Map<Integer, Long> truth = parse(response.body());
            double duration = profile.request().durationNs();
            for (Map.Entry<Integer, Long> e : truth.entrySet()) {
                double expected = e.getValue() / duration;
                double actual = profile.share(lineTotal(profile, e.getKey()));
                assertThat(actual).as("share of line %d (engine %s, expected %.3f)", e.getKey(), engine, expected)
                        .isCloseTo(expected, within(0.05));
            }
        }
    }

    private static long lineTotal(Profile profile, int line) {
        return profile.lines().stream()
                .filter(l -> l.frame().className().equals(GroundTruthWorkload.class.getName())
                        && l.frame().methodName().equals("doGet") && l.frame().line() == line)
                .mapToLong(LineStats::totalNs).sum();
    }

    private static Map<Integer, Long> parse(String body) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (String l : body.split("\n")) {
            String[] kv = l.split("=");
            if (!kv[0].equals("total")) out.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
        }
        return out;
    }
}
