package dev.hotline.core;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A request served on a virtual thread is sampled, whichever engine the profiler chose. */
class VirtualThreadTest {

    static final class VirtualWork {
        static volatile long sink;

        static void run() throws InterruptedException {
            long end = System.nanoTime() + 150_000_000L;
            long x = 0;
            while (System.nanoTime() < end) x += x * 31 + 7;
            sink = x;
            Thread.sleep(100);
        }
    }

    private static Thread virtualThread(Runnable r) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class).invoke(builder, r);
    }

    @Test
    void requestOnAVirtualThreadIsSampled() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        LinkedBlockingQueue<Profile> profiles = new LinkedBlockingQueue<>();
        try (Hotline hotline = Hotline.start(HotlineConfig.builder().textOutput(HotlineConfig.TextOutput.OFF).build())) {
            hotline.addListener(profiles::add);
            Thread t = virtualThread(() -> {
                RequestProfile p = hotline.begin("GET", "/virtual", null);
                try {
                    VirtualWork.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    p.detach();
                    p.end(200, null);
                }
            });
            t.start();
            t.join();
            Profile p = profiles.poll(10, TimeUnit.SECONDS);
            assertThat(p).isNotNull();
            assertThat(p.sampling().engine()).isEqualTo("java");
            if (hotline.engineName().equals("async-profiler")) {
                assertThat(p.notes()).anyMatch(n -> n.contains("virtual thread"));
            }
            long work = p.methods().stream()
                    .filter(m -> m.method().className().equals(VirtualWork.class.getName()))
                    .mapToLong(m -> m.totalNs()).sum();
            assertThat(p.share(work)).isGreaterThan(0.8);
        }
    }
}
