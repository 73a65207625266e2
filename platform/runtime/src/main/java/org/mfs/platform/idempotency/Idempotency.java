package org.mfs.platform.idempotency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.security.Caller;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code Idempotency-Key} for POSTs, the same on every service of the suite. A keyed request runs once: the key,
 * a hash of the request and the response are stored in the transaction that makes the change; a retry with the
 * same key and the same request gets the stored response (header {@code Idempotent-Replayed: true}) and changes
 * nothing; the same key with a different request is a 422 problem. Concurrent requests with one key serialise on
 * the key's primary key (the second waits for the first to commit, then replays it). A failed request stores
 * nothing, so it can be retried with the same key.
 * <p>
 * A key belongs to its caller (the token's subject): another caller sending the same key and the same request has
 * its request run, not the first caller's response replayed. Keys are usually random, but not always ({@code
 * order-1}); a replay across callers would have handed one partner another's response, for an agreement it may not
 * see, and told it that it had made a change it had not (ADR 0202).
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 200;

    private final EntityManager em;
    private final ObjectMapper canonical;
    private final ObjectMapper mapper;

    private final CurrentVertxRequest http;
    private final Caller caller;

    public Idempotency(EntityManager em, ObjectMapper mapper, CurrentVertxRequest http, Caller caller) {
        this.em = em;
        this.http = http;
        this.caller = caller;
        this.mapper = mapper;
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    private boolean headerSentBlank() {
        if (!Arc.container().requestContext().isActive() || http.getCurrent() == null) {
            return false;
        }
        String raw = http.getCurrent().request().getHeader(HEADER);
        return raw != null && raw.isBlank();
    }

    /**
     * Runs {@code action} once per (caller, scope, key); without a key it just runs it.
     *
     * @param key the Idempotency-Key header, may be null
     * @param operation what the key is unique within for one caller, e.g. {@code "POST /api/v1/agreements"}
     * @param request the parsed request (hashed to recognise a different request under the same key)
     */
    @Transactional
    public Response run(String key, String operation, Object request, Supplier<Response> action) {
        if (key == null && headerSentBlank()) {
            key = ""; // the REST layer reads an empty header as absent; a blank key is still a bad key (ADR 0015)
        }
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalid(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(request);
        String scope = caller.subject() + " " + operation;
        // Claims the key; waits while another transaction holds the same key, then sees its committed row.
        int claimed = em.createNativeQuery("""
                insert into idempotency_key (scope, key, request_hash, status, created_at)
                values (:scope, :key, :hash, 0, :now) on conflict (scope, key) do nothing
                """)
                .setParameter("scope", scope).setParameter("key", key).setParameter("hash", hash)
                .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
        if (claimed == 0) {
            return replay(key, scope, hash);
        }
        Response response = action.get();
        String body = null;
        if (response.getEntity() != null) {
            try {
                body = response.getEntity() instanceof String s ? s : mapper.writeValueAsString(response.getEntity());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("response cannot be stored for replay", e);
            }
            // the response goes out as the JSON text just stored: serialised once, and a replay is the same bytes
            MediaType type = response.getMediaType() != null ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE;
            response = Response.fromResponse(response).entity(body).type(type).build();
        }
        EntityTag tag = response.getEntityTag();
        em.createNativeQuery("""
                update idempotency_key set status = :status, body = :body, location = :location, etag = :etag
                where scope = :scope and key = :key
                """)
                .setParameter("status", response.getStatus()).setParameter("body", body)
                .setParameter("location", response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter("etag", tag == null ? null : tag.getValue())
                .setParameter("scope", scope).setParameter("key", key)
                .executeUpdate();
        return response;
    }

    private Response replay(String key, String scope, String hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select request_hash, status, body, location, etag from idempotency_key where scope = :scope and key = :key")
                .setParameter("scope", scope).setParameter("key", key).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.conflict("idempotency-key-in-use", "the request with this " + HEADER
                    + " is still being processed; retry shortly");
        }
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                    HEADER + " " + key + " was already used for a different request; use a new key for a new request",
                    List.of(new org.mfs.platform.problem.Problem.FieldError(HEADER, "already used for a different request")));
        }
        Response.ResponseBuilder b = Response.status(((Number) row[1]).intValue()).header(REPLAYED, "true");
        if (row[2] != null) {
            b.entity(row[2]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (row[3] != null) {
            b.header(HttpHeaders.LOCATION, row[3]);
        }
        if (row[4] != null) {
            b.tag(new EntityTag((String) row[4]));
        }
        return b.build();
    }

    private String hash(Object request) {
        try {
            byte[] json = canonical.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("request cannot be hashed", e);
        }
    }

    /** Deletes keys older than {@code before}; returns how many. Call it from a service's scheduled job. */
    @Transactional
    public int purgeOlderThan(Instant before) {
        return em.createNativeQuery("delete from idempotency_key where created_at < :before")
                .setParameter("before", before).executeUpdate();
    }

}
