package org.mfs.platform.history;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** One changed field of a revision: its API name and the values before and after (null when absent). */
@Schema(name = "HistoryFieldChange")
public record FieldChange(@Schema(example = "status") String field,
        @Schema(description = "Value before the change (any JSON value)", implementation = Object.class) JsonNode from,
        @Schema(description = "Value after the change (any JSON value)", implementation = Object.class) JsonNode to) {

    /** A change described by plain values (written as JSON text nodes, or null). */
    public static FieldChange of(String field, String from, String to) {
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        return new FieldChange(field, from == null ? null : f.textNode(from), to == null ? null : f.textNode(to));
    }
}
