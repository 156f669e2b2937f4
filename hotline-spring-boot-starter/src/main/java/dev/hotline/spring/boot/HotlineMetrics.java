package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Hotline's counters as Micrometer {@link FunctionCounter}s ({@code hotline.requests.profiled},
 * {@code hotline.profiles.kept}, ...), read from {@link Hotline#stats()} when the registry publishes.
 *
 * @since 0.2
 */
public class HotlineMetrics implements MeterBinder {
    private final Hotline hotline;

    public HotlineMetrics(Hotline hotline) {
        this.hotline = hotline;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (HotlineCounters.Counter c : HotlineCounters.ALL) {
            FunctionCounter.builder(c.metric(), hotline, h -> c.read().applyAsLong(h.stats()))
                    .description(c.description())
                    .tag("engine", hotline.engineName())
                    .register(registry);
        }
    }
}
