package org.mfs.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The statements of one relay batch ({@link OutboxRelay}), all run in the batch's transaction on its connection. */
final class OutboxBatchSql {

    private OutboxBatchSql() {
    }

    /**
     * The rows of one claim and whether another relay held the turn (then nothing was read). A claim that read rows
     * holds the turn; one that read none gave it back.
     */
    record Claim(List<OutboxRow> rows, boolean turnTaken) {
    }

    /**
     * One relay cycle in one statement (ADR 0029), run outside any explicit transaction:
     * <ol>
     * <li>takes the relay's turn, a session-level advisory lock, unless this connection holds it already
     * ({@code holding});</li>
     * <li>deletes {@code acknowledged}, the rows of the previous batch that Kafka acknowledged;</li>
     * <li>reads the oldest unsent rows after those: at most {@code limit}, and no more than start within
     * {@code byteLimit} payload bytes (the first row always);</li>
     * <li>gives the turn back when it read none, so another replica's relay can take it.</li>
     * </ol>
     * The statement commits asynchronously ({@code synchronous_commit} off for it alone): a delete that a crash of
     * PostgreSQL takes back only publishes its rows again (at least once, ADR 2); the writers' commits stay durable.
     * Only the relay holding the turn reads and deletes, so rows need no row lock. {@code published_at} is set only by
     * a relay of a release before V0_31 during a rolling update: such rows are published already.
     */
    static Claim claim(Connection c, long lockKey, boolean holding, Collection<UUID> acknowledged,
            List<String> suspendedTopics, int limit, int byteLimit) throws SQLException {
        String skip = suspendedTopics.isEmpty() ? "" : """
                  and not (u.topic = any(?))
                  and not exists (select 1 from outbox_event e
                                  where e.published_at is null and e.aggregate_type = u.aggregate_type
                                    and e.aggregate_id = u.aggregate_id and e.position < u.position
                                    and e.topic = any(?))
                """;
        String sql = """
                with turn as (select case when ? then true else pg_try_advisory_lock(?) end as mine,
                                     set_config('synchronous_commit', 'off', true) as async),
                gone as (delete from outbox_event where id = any(?) returning id),
                next as (
                    select u.id, u.topic, u.aggregate_type, u.aggregate_id, u.sequence, u.event_type, u.source,
                           u.occurred_at, u.payload, u.position, u.traceparent, u.request_id
                    from outbox_event u
                    where u.published_at is null and (select mine from turn)
                      and u.id not in (select id from gone)
                """ + skip + """
                    order by u.position limit ?),
                sized as (
                    select n.*,
                           sum(pg_column_size(n.payload)) over (order by n.position) - pg_column_size(n.payload) as before
                    from next n)
                select s.id, s.topic, s.aggregate_type, s.aggregate_id, s.sequence, s.event_type, s.source, s.occurred_at,
                       s.payload::text, s.position, s.traceparent, s.request_id, t.mine,
                       case when s.id is null and t.mine then pg_advisory_unlock(?) end as released
                from turn t left join sized s on s.before < ? order by s.position
                """;
        List<OutboxRow> rows = new ArrayList<>();
        boolean mine = false;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setBoolean(i++, holding);
            ps.setLong(i++, lockKey);
            ps.setArray(i++, c.createArrayOf("uuid", acknowledged.toArray()));
            if (!suspendedTopics.isEmpty()) {
                java.sql.Array topics = c.createArrayOf("text", suspendedTopics.toArray());
                ps.setArray(i++, topics);
                ps.setArray(i++, topics);
            }
            ps.setInt(i++, limit);
            ps.setLong(i++, lockKey);
            ps.setLong(i, byteLimit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mine = rs.getBoolean(13);
                    if (rs.getObject(1) == null) {
                        continue; // the turn's own row: no unsent row (the turn was given back), or another relay's turn
                    }
                    rows.add(new OutboxRow(rs.getObject(1, UUID.class), rs.getLong(10), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class).toInstant(), rs.getString(9), rs.getString(11),
                            rs.getString(12)));
                }
            }
        }
        return new Claim(rows, !mine);
    }

    /**
     * Deletes {@code acknowledged} and gives the turn back if {@code holding} (when the relay goes idle after a
     * failure, stops, or returns a pooled connection). Asynchronous commit, as in {@link #claim}.
     */
    static void release(Connection c, long lockKey, boolean holding, Collection<UUID> acknowledged) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with async as (select set_config('synchronous_commit', 'off', true)),
                gone as (delete from outbox_event where id = any(?))
                select case when ? then pg_advisory_unlock(?) end from async""")) {
            ps.setArray(1, c.createArrayOf("uuid", acknowledged.toArray()));
            ps.setBoolean(2, holding);
            ps.setLong(3, lockKey);
            ps.executeQuery().close();
        }
    }

    /** A row Kafka did not acknowledge stays unsent, with its error and one more failed attempt. */
    static void recordFailure(Connection c, UUID id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox_event set attempts = attempts + 1, last_error = ? where id = ?")) {
            ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }
}
