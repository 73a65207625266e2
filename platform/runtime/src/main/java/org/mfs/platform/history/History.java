package org.mfs.platform.history;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Revision history of aggregates, the same in every service (platform migration {@code V0_30__revision_history.sql}).
 * {@link #record} runs in the transaction of a change and stores who, when, the operation, a field-level diff of the
 * aggregate's API representation against the previous revision, and the representation itself; {@link #asOf}
 * returns the representation as it stood at an instant (one indexed lookup); {@link #revisions} lists the changes.
 */
@ApplicationScoped
public class History {

    /** Fields that change with every write and are not reported as changes. */
    private static final Set<String> NOT_DIFFED = Set.of("version", "updatedAt", "createdAt");

    private final EntityManager em;
    private final ObjectMapper mapper;

    public History(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /**
     * Records a revision of one aggregate (flush the entity first so the representation carries its new version).
     *
     * @param view the aggregate's full API representation after the change
     * @param extra changes the representation does not show (e.g. the reason of a transition), may be null
     * @return the names of the fields that changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> record(String aggregateType, String aggregateId, String actor, String operation, Object view,
            List<FieldChange> extra) {
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("""
                select revision, cast(snapshot as text) from revision where aggregate_type = :type and aggregate_id = :id
                order by revision desc limit 1""").setParameter("type", aggregateType).setParameter("id", aggregateId)
                .getResultList();
        int revision = last.isEmpty() ? 1 : ((Number) last.get(0)[0]).intValue() + 1;
        JsonNode before = last.isEmpty() ? null : read((String) last.get(0)[1]);
        JsonNode after = mapper.valueToTree(view);
        List<FieldChange> changes = new ArrayList<>();
        for (Iterator<String> it = after.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (NOT_DIFFED.contains(f)) {
                continue;
            }
            JsonNode old = before == null ? NullNode.instance : Optional.ofNullable(before.get(f)).orElse(NullNode.instance);
            if (!old.equals(after.get(f))) {
                changes.add(new FieldChange(f, before == null ? null : old, after.get(f)));
            }
        }
        if (extra != null) {
            changes.addAll(extra);
        }
        em.createNativeQuery("""
                insert into revision (aggregate_type, aggregate_id, revision, actor, changed_at, operation, changes, snapshot)
                values (:type, :id, :rev, :actor, :at, :op, cast(:changes as jsonb), cast(:snapshot as jsonb))""")
                .setParameter("type", aggregateType).setParameter("id", aggregateId).setParameter("rev", revision)
                .setParameter("actor", actor == null || actor.isBlank() ? "unknown" : actor)
                .setParameter("at", Instant.now().truncatedTo(ChronoUnit.MICROS)).setParameter("op", operation)
                .setParameter("changes", write(changes)).setParameter("snapshot", write(after))
                .executeUpdate();
        return changes.stream().map(FieldChange::field).toList();
    }

    /** Every revision of the aggregate, oldest first. */
    public List<Revision> revisions(String aggregateType, String aggregateId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select revision, actor, changed_at, operation, cast(changes as text) from revision
                where aggregate_type = :type and aggregate_id = :id order by revision""")
                .setParameter("type", aggregateType).setParameter("id", aggregateId).getResultList();
        List<Revision> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            out.add(new Revision(((Number) r[0]).intValue(), (String) r[1], instant(r[2]), (String) r[3], changes((String) r[4])));
        }
        return out;
    }

    /** The representation of the aggregate as it stood at {@code at}; empty when it was not yet recorded then. */
    public <T> Optional<T> asOf(String aggregateType, String aggregateId, Instant at, Class<T> type) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("""
                select cast(snapshot as text) from revision where aggregate_type = :type and aggregate_id = :id
                and changed_at <= :at order by revision desc limit 1""")
                .setParameter("type", aggregateType).setParameter("id", aggregateId).setParameter("at", at).getResultList();
        return rows.stream().findFirst().map(s -> {
            try {
                return mapper.readValue(s, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored snapshot of " + aggregateType + " " + aggregateId + " unreadable", e);
            }
        });
    }

    private List<FieldChange> changes(String json) {
        try {
            return mapper.readValue(json, mapper.getTypeFactory().constructCollectionType(List.class, FieldChange.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + o.getClass());
    }
}
