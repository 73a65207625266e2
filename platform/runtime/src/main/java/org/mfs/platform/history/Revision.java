package org.mfs.platform.history;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recorded change of an aggregate: who made it, when, what kind of change and which fields changed. */
@Schema(name = "HistoryRevision")
public record Revision(@Schema(example = "3") int revision,
        @Schema(description = "The token subject of the caller, or the name of the background job", example = "alice") String actor,
        Instant changedAt,
        @Schema(example = "status ACTIVE -> ON_HOLD") String operation,
        List<FieldChange> changes) {
}
