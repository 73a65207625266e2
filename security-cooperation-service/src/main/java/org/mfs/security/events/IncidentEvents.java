package org.mfs.security.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.outbox.OutboxWriter;
import org.mfs.security.IncidentType;

/**
 * Events of incidents on {@value #TOPIC}, key = incident id. The payload lists only the PUBLIC programmes an incident
 * is linked to: a link to a RESTRICTED or CONFIDENTIAL programme would reveal that programme on a general topic.
 */
@ApplicationScoped
public class IncidentEvents {

    public static final String TOPIC = "security-cooperation.incident.v1";
    public static final String AGGREGATE = "incident";

    private final OutboxWriter outbox;

    public IncidentEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void recorded(IncidentRecorded payload) {
        outbox.append(TOPIC, AGGREGATE, payload.incidentId(), IncidentRecorded.TYPE, payload);
    }

    /** Payload of {@code incident.recorded.v1}. */
    public record IncidentRecorded(String incidentId, LocalDate occurredOn, String country, String region,
            BigDecimal latitude, BigDecimal longitude, String siteId, IncidentType type, String commodity,
            BigDecimal quantity, String unit, List<String> publicProgrammeIds, String sourceTitle, Instant recordedAt) {
        public static final String TYPE = "incident.recorded.v1";
    }
}
