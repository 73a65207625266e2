package org.mfs.agreements.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.mfs.agreements.Agreement;
import org.mfs.agreements.rest.AgreementDtos.AgreementView;
import org.mfs.agreements.rest.AgreementDtos.FieldChange;
import org.mfs.agreements.rest.AgreementDtos.RevisionView;
import org.mfs.platform.json.Json;
import org.mfs.platform.security.Caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The revision history of agreements (own audit table, written by Flyway migration V2): every change to an
 * agreement or its projects and obligations adds a revision with who, when, what changed and the agreement as it
 * then stood, in the transaction that made the change.
 */
@ApplicationScoped
public class History {

    private static final Set<String> NOT_DIFFED = Set.of("version", "updatedAt", "createdAt");

    private final EntityManager em;
    private final Json json;
    private final Views views;

    public History(EntityManager em, Json json, Views views) {
        this.em = em;
        this.json = json;
        this.views = views;
    }

    /** Records a revision of {@code a} (flushes first so the version is current); returns the changed fields. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> record(Agreement a, String operation, List<FieldChange> extra) {
        em.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("""
                select revision, cast(snapshot as text) from agreement_revision where agreement_id = :id
                order by revision desc limit 1""").setParameter("id", a.id).getResultList();
        Revision r = revision(a, extra, last);
        // the revision and the read column served by GET by id and search, in one statement (one round trip); the
        // update is native, so the entity stays clean and its version is not bumped
        insert("""
                with revision as (
                    insert into agreement_revision (agreement_id, revision, actor, changed_at, operation, changes, snapshot)
                    values (:id, :rev, :actor, :at, :op, cast(:changes as jsonb), cast(:snapshot as jsonb)))
                update agreement set current_view = :snapshot where id = :id""", a, operation, r);
        return r.changes().stream().map(FieldChange::field).toList();
    }

    /**
     * Inserts a new agreement with its current view, then its revision 1: the row is written once, whole (its view
     * must be set before the persist: Hibernate inserts the state it had then, and the column is not updatable), and
     * nothing is read back (no earlier revision exists) (ADR 0017).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertCreated(Agreement a) {
        Revision r = revision(a, null, List.of());
        a.currentView = r.snapshot();
        em.persist(a);
        em.flush(); // the agreement row first: the revision references it
        insert("""
                insert into agreement_revision (agreement_id, revision, actor, changed_at, operation, changes, snapshot)
                values (:id, :rev, :actor, :at, :op, cast(:changes as jsonb), cast(:snapshot as jsonb))""", a, "created", r);
    }

    private record Revision(int number, List<FieldChange> changes, String snapshot) {
    }

    private Revision revision(Agreement a, List<FieldChange> extra, List<Object[]> last) {
        int revision = last.isEmpty() ? 1 : ((Number) last.get(0)[0]).intValue() + 1;
        JsonNode before = last.isEmpty() ? null : json.read((String) last.get(0)[1], JsonNode.class);
        AgreementView view = views.agreement(a);
        JsonNode after = json.mapper().valueToTree(view);
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
        return new Revision(revision, changes, json.write(after));
    }

    private void insert(String sql, Agreement a, String operation, Revision r) {
        em.createNativeQuery(sql).setParameter("id", a.id).setParameter("rev", r.number())
                .setParameter("actor", Caller.currentActor()).setParameter("at", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .setParameter("op", operation).setParameter("changes", json.write(r.changes()))
                .setParameter("snapshot", r.snapshot()).executeUpdate();
    }

    public List<RevisionView> revisions(UUID agreementId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select revision, actor, changed_at, operation, cast(changes as text) from agreement_revision
                where agreement_id = :id order by revision""").setParameter("id", agreementId).getResultList();
        return rows.stream().map(r -> new RevisionView(((Number) r[0]).intValue(), (String) r[1], toInstant(r[2]),
                (String) r[3], json.readList((String) r[4], FieldChange.class))).toList();
    }

    /** The agreement as it stood at {@code at}: the snapshot of its last revision up to then. */
    public Optional<AgreementView> asOf(UUID agreementId, Instant at) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("""
                select cast(snapshot as text) from agreement_revision where agreement_id = :id and changed_at <= :at
                order by revision desc limit 1""").setParameter("id", agreementId).setParameter("at", at).getResultList();
        return rows.stream().findFirst().map(s -> json.read(s, AgreementView.class));
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp " + o.getClass());
    }
}
