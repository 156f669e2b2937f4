package dev.hotline.core.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * Which kept profiles of the fleet store to list, in which order, which page. Every filter is optional and they all
 * apply together. Not thread-safe: fill it in, then hand it to {@link FleetReader#list}.
 *
 * @since 0.3
 */
public final class ProfileQuery {
    /** The most rows one page may hold. */
    public static final int MAX_LIMIT = 500;
    /** The deepest row a page may start at: beyond it, narrow the filters instead. */
    public static final int MAX_OFFSET = 10_000;

    /** Orders of the list; ties go newest first. @since 0.3 */
    public enum Sort {
        START("started"), DURATION("duration_us"), PATH("path"), STATUS("status"), SERVICE("service, instance"),
        INSTANCE("instance");

        final String columns;

        Sort(String columns) {
            this.columns = columns;
        }
    }

    String service, instance, version, method, endpoint, pathContains, traceId;
    Integer status, statusClass;
    Long minDurationUs;
    Instant from, to;
    Sort sort = Sort.START;
    boolean descending = true;
    int offset;
    int limit = 50;

    public ProfileQuery service(String v) { service = v; return this; }
    public ProfileQuery instance(String v) { instance = v; return this; }
    public ProfileQuery version(String v) { version = v; return this; }
    public ProfileQuery method(String v) { method = v; return this; }
    /** The endpoint's route as stored (the column {@code endpoint}), matched exactly. */
    public ProfileQuery endpoint(String v) { endpoint = v; return this; }
    /** Text found anywhere in the path, ignoring case. */
    public ProfileQuery pathContains(String v) { pathContains = v == null || v.isEmpty() ? null : v; return this; }
    public ProfileQuery traceId(String v) { traceId = v; return this; }

    /** One status, {@code null} for any. */
    public ProfileQuery status(Integer v) { status = v; return this; }

    /** A status class: 2 for 2xx ... 5 for 5xx, {@code null} for any. */
    public ProfileQuery statusClass(Integer v) {
        if (v != null && (v < 1 || v > 5)) throw new IllegalArgumentException("status class must be 1 to 5: " + v);
        statusClass = v;
        return this;
    }

    public ProfileQuery minDurationUs(Long v) { minDurationUs = v; return this; }

    /** Requests started at or after {@code from} and before {@code to}; either may be {@code null}. */
    public ProfileQuery period(Instant from, Instant to) { this.from = from; this.to = to; return this; }

    public ProfileQuery sort(Sort s, boolean descending) {
        this.sort = Objects.requireNonNull(s, "sort");
        this.descending = descending;
        return this;
    }

    public ProfileQuery page(int offset, int limit) {
        if (offset < 0 || offset > MAX_OFFSET) throw new IllegalArgumentException("offset must be from 0 to " + MAX_OFFSET);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
        this.offset = offset;
        this.limit = limit;
        return this;
    }

    public int offset() { return offset; }
    public int limit() { return limit; }

    SqlWhere where() {
        SqlWhere w = new SqlWhere()
                .add("service = ?", service).add("instance = ?", instance).add("version = ?", version)
                .add("method = ?", method).add("endpoint = ?", endpoint).add("trace_id = ?", traceId)
                .add("status = ?", status)
                .add("duration_us >= ?", minDurationUs)
                .add("started >= ?", from).add("started < ?", to);
        if (statusClass != null) w.add("status >= ? AND status < ?", statusClass * 100, statusClass * 100 + 100);
        // No index serves a substring; lower() and LIKE scan about twice as fast as ILIKE.
        if (pathContains != null) w.add("lower(path) LIKE lower(?)", SqlWhere.contains(pathContains));
        return w;
    }

    /** The order, with ties broken newest first and then by id so that pages never overlap. */
    String orderBy() {
        String dir = descending ? " DESC" : " ASC";
        String cols = sort.columns.replace(",", dir + ",") + dir;
        return sort == Sort.START ? " ORDER BY started" + dir + ", id" + dir : " ORDER BY " + cols + ", started DESC, id DESC";
    }
}
