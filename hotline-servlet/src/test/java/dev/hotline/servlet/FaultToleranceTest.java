package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure inside Hotline is logged once and the request goes on. */
class FaultToleranceTest {

    @Test
    void aFailingListenerIsLoggedOnceAndRequestsGoOn() throws Exception {
        AtomicInteger warnings = new AtomicInteger();
        Handler counter = new Handler() {
            @Override public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().contains("ExplodingListener")) warnings.incrementAndGet();
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger log = Logger.getLogger("dev.hotline");
        log.addHandler(counter);
        TestServer.Profiles profiles = new TestServer.Profiles();
        HotlineFilter filter = HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF)
                .listener(new ExplodingListener())
                .listener(profiles::add)
                .build();
        try (TestServer server = TestServer.builder()
                .servlet("/alpha", Workloads.servlet(Workloads.AlphaWork::run)).filter(filter).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/alpha").body()).isEqualTo("ok");
            }
            assertThat(profiles.next(3)).as("later listeners still get every profile").hasSize(3);
            assertThat(filter.hotline().stats().failures()).isEqualTo(3);
            assertThat(warnings.get()).as("one log line for three failures").isEqualTo(1);
        } finally {
            log.removeHandler(counter);
        }
    }

    static final class ExplodingListener implements dev.hotline.core.ProfileListener {
        @Override
        public void onProfile(dev.hotline.core.model.Profile profile) {
            throw new IllegalStateException("listener bug");
        }
    }
}
