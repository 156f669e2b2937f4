package dev.hotline.core.fleet;

/**
 * What the fleet store's writer has done, counted since start.
 *
 * @param profilesWritten  kept profiles written to the store (a retry of one already there counts once)
 * @param minutesWritten   endpoint-minute rows written (the current minute's again every few seconds while it changes)
 * @param backlog          profiles waiting to be written (in memory; they are in the profile directory too, when set)
 * @param dropped          profiles never written: the backlog was full ({@code store-backlog}), or older than retention
 * @param rejected         rows the database refused for themselves (logged once), not for an outage
 * @param outages          times the store became unreachable
 * @param recoveries       times it became reachable again
 * @param reachable        whether the last attempt reached it
 * @param failedAttempts   connection or write attempts that failed
 * @param partitionsDropped day partitions dropped by retention (by this JVM)
 * @param minutesDropped   endpoint-minutes never written: more open at once than the writer holds, or a backlog
 *                         of them too long while the store was away
 * @since 0.3
 */
public record FleetStats(long profilesWritten, long minutesWritten, long backlog, long dropped, long rejected, long outages,
                         long recoveries, boolean reachable, long failedAttempts, long partitionsDropped, long minutesDropped) {
}
