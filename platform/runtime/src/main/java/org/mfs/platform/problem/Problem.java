package org.mfs.platform.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail, the body of every error response of the suite. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "Stable URI identifying the kind of problem", example = "urn:mfs:problem:validation-failed") String type,
        @Schema(example = "Request is invalid") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid") String detail,
        @Schema(example = "/api/v1/agreements") String instance,
        @Schema(description = "Each offending field, for validation problems") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: its JSON path in the request and what is wrong with it. */
    @Schema(name = "ProblemFieldError")
    public record FieldError(@Schema(example = "parties[1].country") String field,
            @Schema(example = "must be an ISO 3166-1 alpha-2 country code") String message) {
    }
}
