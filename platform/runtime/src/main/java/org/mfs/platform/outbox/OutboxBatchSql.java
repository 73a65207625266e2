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

    /** The rows of one claim, and whether more were waiting (the claim was cut by its row or byte limit). */
    record Claim(List<OutboxRow> rows, boolean more) {
    }

    /**
     * Takes the relay's turn for this transaction (an advisory lock); false when another relay holds it. A statement
     * of its own, before the claim: a statement's snapshot is taken when it starts, so a claim that took the turn
     * itself could start before the previous holder's commit and, granted the turn just after it, still see the rows
     * that holder had published and deleted, and publish them again.
     */
    static boolean takeTurn(Connection c, long lockKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Reads the oldest unsent rows, in a transaction that holds the turn ({@link #takeTurn}): at most {@code limit},
     * and no more than start within {@code byteLimit} payload bytes (the first row always). Only the relay holding
     * the turn deletes rows, so they need no row lock. {@code published_at} is set only by a relay of the previous
     * release during a rolling update (V0_31): such rows are published already.
     */
    static Claim claim(Connection c, List<String> suspendedTopics, int limit, int byteLimit) throws SQLException {
        String skip = suspendedTopics.isEmpty() ? "" : """
                  and not (u.topic = any(?))
                  and not exists (select 1 from outbox_event e
                                  where e.published_at is null and e.aggregate_type = u.aggregate_type
                                    and e.aggregate_id = u.aggregate_id and e.position < u.position
                                    and e.topic = any(?))
                """;
        String sql = """
                with next as (
                    select u.id, u.topic, u.aggregate_type, u.aggregate_id, u.sequence, u.event_type, u.source,
                           u.occurred_at, u.payload, u.position, u.traceparent, u.request_id
                    from outbox_event u
                    where u.published_at is null
                """ + skip + """
                    order by u.position limit ?),
                sized as (
                    select n.*, count(*) over () as scanned,
                           sum(pg_column_size(n.payload)) over (order by n.position) - pg_column_size(n.payload) as before
                    from next n)
                select s.id, s.topic, s.aggregate_type, s.aggregate_id, s.sequence, s.event_type, s.source, s.occurred_at,
                       s.payload::text, s.position, s.traceparent, s.request_id, s.scanned
                from sized s where s.before < ? order by s.position
                """;
        List<OutboxRow> rows = new ArrayList<>();
        long scanned = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!suspendedTopics.isEmpty()) {
                java.sql.Array topics = c.createArrayOf("text", suspendedTopics.toArray());
                ps.setArray(i++, topics);
                ps.setArray(i++, topics);
            }
            ps.setInt(i++, limit);
            ps.setLong(i, byteLimit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getObject(1, UUID.class), rs.getLong(10), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, java.time.OffsetDateTime.class).toInstant(), rs.getString(9), rs.getString(11),
                            rs.getString(12)));
                    scanned = rs.getLong(13);
                }
            }
        }
        return new Claim(rows, scanned == limit || rows.size() < scanned);
    }

    /** Rows Kafka acknowledged leave the outbox in the batch's transaction. */
    static void delete(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from outbox_event where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            ps.executeUpdate();
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
