package dev.hotline.core;

import dev.hotline.core.fleet.FleetStats;

import dev.hotline.core.internal.FailureLog;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers a running Hotline's counters with the platform MBean server; a failure there never stops Hotline. */
final class HotlineMBean implements HotlineMXBean {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Hotline hotline;
    private ObjectName name;

    private HotlineMBean(Hotline hotline) {
        this.hotline = hotline;
    }

    static HotlineMBean register(Hotline hotline) {
        HotlineMBean bean = new HotlineMBean(hotline);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName n = new ObjectName("dev.hotline:type=Hotline,name=" + INSTANCES.incrementAndGet());
            server.registerMBean(bean, n);
            bean.name = n;
        } catch (Exception | LinkageError e) {
            FailureLog.logOnce("could not register Hotline's MBean (its counters stay on the results page)", e);
        }
        return bean;
    }

    void unregister() {
        if (name == null) return;
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (Exception | LinkageError e) {
            FailureLog.logOnce("could not unregister Hotline's MBean", e);
        }
    }

    /** The registered name, or {@code null} when registering failed. */
    ObjectName name() {
        return name;
    }

    @Override public String getEngine() { return hotline.engineName(); }
    @Override public String getEngineFallbackReason() {
        String r = hotline.engineFallbackReason();
        return r == null ? "" : r;
    }
    @Override public long getSampled() { return hotline.stats().sampled(); }
    @Override public long getKept() { return hotline.stats().kept(); }
    @Override public long getNotKept() { return hotline.stats().notKept(); }
    @Override public long getDropped() { return hotline.stats().dropped(); }
    @Override public long getPending() { return hotline.stats().pending(); }
    @Override public long getFailures() { return hotline.stats().failures(); }
    @Override public long getFilesWritten() { return hotline.stats().filesWritten(); }
    @Override public long getFileFailures() { return hotline.stats().fileFailures(); }
    @Override public long getFilesDropped() { return hotline.stats().filesDropped(); }
    @Override public long getDirectoryOutages() { return hotline.stats().directoryOutages(); }
    @Override public long getDirectoryRecoveries() { return hotline.stats().directoryRecoveries(); }
    @Override public String getKeepRate() { return hotline.config().keepRateText(); }
    @Override public long getStoreProfilesWritten() { FleetStats f = hotline.fleetStats(); return f == null ? 0 : f.profilesWritten(); }
    @Override public long getStoreBacklog() { FleetStats f = hotline.fleetStats(); return f == null ? 0 : f.backlog(); }
    @Override public long getStoreDropped() { FleetStats f = hotline.fleetStats(); return f == null ? 0 : f.dropped(); }
    @Override public long getStoreRejected() { FleetStats f = hotline.fleetStats(); return f == null ? 0 : f.rejected(); }
    @Override public long getStoreOutages() { FleetStats f = hotline.fleetStats(); return f == null ? 0 : f.outages(); }
    @Override public long getStoreRecoveries() { FleetStats f = hotline.fleetStats(); return f == null ? 0 : f.recoveries(); }
    @Override public boolean isStoreReachable() { FleetStats f = hotline.fleetStats(); return f != null && f.reachable(); }
}
