package org.mfs.security.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.platform.history.Revision;
import org.mfs.platform.validation.CountryCode;
import org.mfs.security.Category;
import org.mfs.security.Classification;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.rest.CommonDtos.Source;

/** The programme API's request and response bodies. */
public final class ProgrammeDtos {

    public static final String REFERENCE_PATTERN = "^[A-Z0-9][A-Z0-9._/-]{1,63}$";
    public static final String REFERENCE_MESSAGE = "2 to 64 characters: capital letters, digits, . _ / -";

    private ProgrammeDtos() {
    }

    /** Body of create (POST) and full replace (PUT). */
    @Schema(name = "SecurityProgrammeCreateRequest")
    public record CreateProgramme(
            @Pattern(regexp = REFERENCE_PATTERN, message = REFERENCE_MESSAGE)
            @Schema(description = "Unique reference code; generated when absent", example = "US-CD-INL-2025-AS") String referenceCode,
            @NotBlank @Size(max = 300) @Schema(example = "Eastern DRC anti-smuggling: gold and coltan routes") String title,
            @NotNull @CountryCode @Schema(description = "ISO 3166-1 alpha-2 of the provider", example = "US") String providerCountry,
            @NotNull @CountryCode @Schema(description = "ISO 3166-1 alpha-2 of the recipient", example = "CD") String recipientCountry,
            @Schema(description = "Agreement of agreements-service the programme implements (must be known and not terminated)")
            UUID agreementId,
            @NotNull @Schema(example = "ANTI_SMUGGLING") Category category,
            @Size(max = 10000) @Schema(example = "Cut the financial channels of armed groups trading illegal gold and coltan.") String objectives,
            @Schema(example = "2025-10-01") LocalDate startDate,
            @Schema(example = "2027-09-30") LocalDate endDate,
            @Schema(description = "PUBLIC (default), RESTRICTED or CONFIDENTIAL") Classification classification,
            @Size(max = 50) List<@Valid @NotNull TargetRegion> targetRegions,
            @Size(max = 50) List<@Valid @NotNull Source> sources) {
    }

    /** Body of PATCH: a field absent or null stays as it is. */
    @Schema(name = "SecurityProgrammePatchRequest")
    public record PatchProgramme(
            @Pattern(regexp = REFERENCE_PATTERN, message = REFERENCE_MESSAGE) String referenceCode,
            @Size(min = 1, max = 300) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            @CountryCode String providerCountry,
            @CountryCode String recipientCountry,
            UUID agreementId,
            Category category,
            @Size(max = 10000) String objectives,
            LocalDate startDate,
            LocalDate endDate,
            Classification classification,
            @Size(max = 50) List<@Valid @NotNull TargetRegion> targetRegions,
            @Size(max = 50) List<@Valid @NotNull Source> sources) {
    }

    /** A region a programme works in, optionally with minerals-service site ids. */
    @Schema(name = "SecurityTargetRegion")
    public record TargetRegion(
            @NotNull @CountryCode @Schema(example = "CD") String country,
            @NotBlank @Size(max = 200) @Schema(example = "South Kivu") String region,
            @Size(max = 50) @Schema(description = "Sites of minerals-service (validated against the site read model)")
            List<@NotNull UUID> siteIds) {
    }

    @Schema(name = "SecurityProgramme")
    public record ProgrammeView(UUID id, String referenceCode, String title, String providerCountry,
            String recipientCountry, @Schema(nullable = true) UUID agreementId, Category category,
            @Schema(description = "true for TRAINING, EQUIPMENT, INTELLIGENCE_SHARING, JOINT_OPERATIONS") boolean military,
            @Schema(nullable = true) String objectives, @Schema(nullable = true) LocalDate startDate,
            @Schema(nullable = true) LocalDate endDate, ProgrammeStatus status,
            @Schema(nullable = true, description = "Why it is in its status (on hold, cancelled)") String statusReason,
            @Schema(description = "true when the agreement rule put it on hold (it resumes when the agreement is back in force)")
            boolean heldByAgreementRule,
            Classification classification, List<TargetRegion> targetRegions, List<Source> sources,
            @Schema(description = "Demo data of the local stack") boolean demo, Instant createdAt, Instant updatedAt,
            long version) {
    }

    @Schema(name = "SecurityProgrammePage")
    public record ProgrammePage(List<ProgrammeView> items, int page, int size, long total) {
    }

    @Schema(name = "SecurityProgrammeTransitionRequest")
    public record TransitionRequest(
            @NotNull @Schema(example = "ACTIVE") ProgrammeStatus to,
            @Size(max = 2000) @Schema(description = "Required for ON_HOLD and CANCELLED", example = "Funding review") String reason) {
    }

    @Schema(name = "SecurityProgrammeHistory")
    public record HistoryView(UUID programmeId, List<Revision> revisions) {
    }
}
