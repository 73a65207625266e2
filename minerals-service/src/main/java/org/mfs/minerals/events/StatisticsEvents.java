package org.mfs.minerals.events;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.rest.ImportDtos.ImportReport;
import org.mfs.platform.outbox.OutboxWriter;

/** Events about statistics, written through the outbox to {@value #TOPIC}. */
@ApplicationScoped
public class StatisticsEvents {

    public static final String TOPIC = "minerals.statistics.v1";
    public static final String AGGREGATE = "statistics-import";

    private final OutboxWriter outbox;

    public StatisticsEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void imported(ImportReport r) {
        outbox.append(TOPIC, AGGREGATE, r.importId().toString(), StatisticsImported.TYPE,
                new StatisticsImported(r.importId().toString(), r.format().name(), r.sha256(), r.editions(),
                        r.commodities(), r.rowsRead(), r.valuesRead(), r.inserted(), r.updated(), r.unchanged(),
                        r.skippedCount(), r.importedAt()));
    }

    /** Payload of {@code statistics.imported.v1}; its JSON Schema is events/statistics.imported.v1.json. */
    public record StatisticsImported(String importId, String format, String sha256, List<String> editions,
            List<String> commodities, int rowsRead, int valuesRead, int inserted, int updated, int unchanged,
            int skipped, Instant importedAt) {

        public static final String TYPE = "statistics.imported.v1";
    }
}
