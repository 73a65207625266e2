package org.mfs.agreements.rest;

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
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.agreements.ComponentType;
import org.mfs.agreements.PartyRole;
import org.mfs.agreements.PreconditionStatus;
import org.mfs.agreements.Visibility;
import org.mfs.platform.validation.CountryCode;

/** The agreement API's request and response bodies (the wire model, separate from the entity). */
public final class AgreementDtos {

    public static final String REFERENCE_PATTERN = "^[A-Z0-9][A-Z0-9._/-]{1,63}$";
    public static final String COMMODITY_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$";

    private AgreementDtos() {
    }

    /** Body of create (POST) and full replace (PUT); only title, type and parties are required. */
    @Schema(name = "AgreementCreateRequest")
    public record CreateAgreement(
            @NotBlank @Size(max = 300) @Schema(example = "DRC-US Strategic Partnership") String title,
            @NotNull @Schema(example = "STRATEGIC_PARTNERSHIP") AgreementType type,
            @NotNull @Size(min = 2, message = "an agreement needs at least two parties") List<@Valid @NotNull PartyBody> parties,
            @Pattern(regexp = REFERENCE_PATTERN, message = "2 to 64 characters: capital letters, digits, . _ / -")
            @Schema(description = "Unique reference code; generated when absent", example = "CD-US-2025-SP") String referenceCode,
            @Size(max = 10000) @Schema(example = "Minerals-for-security partnership covering cobalt, coltan and gold.") String summary,
            @Size(max = 50) @Schema(description = "Commodity codes of minerals-service", example = "[\"cobalt\", \"coltan\"]")
            List<@NotNull @Pattern(regexp = COMMODITY_PATTERN, message = "a commodity code such as cobalt") String> coveredMinerals,
            @Size(max = 20) List<@Valid @NotNull Component> components,
            @Size(max = 50) List<@Valid @NotNull Precondition> preconditions,
            @Size(max = 50) List<@Valid @NotNull SourceDocument> sourceDocuments,
            @Schema(description = "PUBLIC (default) or PARTIES_ONLY") Visibility visibility) {
    }

    /** Body of PATCH: every field optional; a field that is absent or null stays as it is. */
    @Schema(name = "AgreementPatchRequest")
    public record PatchAgreement(
            @Size(min = 1, max = 300) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
            AgreementType type,
            @Size(min = 2, message = "an agreement needs at least two parties") List<@Valid @NotNull PartyBody> parties,
            @Pattern(regexp = REFERENCE_PATTERN, message = "2 to 64 characters: capital letters, digits, . _ / -") String referenceCode,
            @Size(max = 10000) String summary,
            @Size(max = 50) List<@NotNull @Pattern(regexp = COMMODITY_PATTERN, message = "a commodity code such as cobalt") String> coveredMinerals,
            @Size(max = 20) List<@Valid @NotNull Component> components,
            @Size(max = 50) List<@Valid @NotNull Precondition> preconditions,
            @Size(max = 50) List<@Valid @NotNull SourceDocument> sourceDocuments,
            Visibility visibility) {
    }

    @Schema(name = "AgreementParty")
    public record PartyBody(
            @NotNull @CountryCode @Schema(description = "ISO 3166-1 alpha-2", example = "CD") String country,
            @NotNull @Schema(example = "RESOURCE_HOLDER") PartyRole role) {
    }

    @Schema(name = "AgreementComponent")
    public record Component(
            @NotNull @Schema(example = "SECURITY_COOPERATION") ComponentType type,
            @NotBlank @Size(max = 2000) @Schema(example = "Support to restore peace in eastern DRC") String description,
            @Size(max = 2000) @Schema(nullable = true, example = "Joint security mechanism with a steering committee") String implementationMethod) {
    }

    @Schema(name = "AgreementPrecondition")
    public record Precondition(
            @NotBlank @Size(max = 1000) @Schema(example = "Peace restored in eastern DRC") String description,
            @NotNull @Schema(example = "UNMET") PreconditionStatus status,
            @Schema(nullable = true, description = "When it was met (or last assessed)", example = "2025-06-27") LocalDate on) {
    }

    @Schema(name = "AgreementSourceDocument")
    public record SourceDocument(
            @NotBlank @Size(max = 300) @Schema(example = "Joint statement") String title,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "an http(s) URL")
            @Schema(example = "https://example.org/agreement.pdf") String url,
            @Schema(nullable = true) LocalDate publishedOn) {
    }

    @Schema(name = "Agreement")
    public record AgreementView(UUID id, String referenceCode, String title, AgreementType type, AgreementStatus status,
            List<PartyBody> parties, String summary, List<String> coveredMinerals, List<Component> components,
            List<Precondition> preconditions, List<SourceDocument> sourceDocuments, Visibility visibility,
            LifecycleDates dates, @Schema(nullable = true) String terminationReason, Instant createdAt, Instant updatedAt,
            long version) {
    }

    @Schema(name = "AgreementLifecycleDates", description = "A date is null until the agreement reaches that step")
    public record LifecycleDates(@Schema(nullable = true) LocalDate negotiationStartedOn,
            @Schema(nullable = true) LocalDate signedOn, @Schema(nullable = true) LocalDate ratifiedOn,
            @Schema(nullable = true) LocalDate inForceOn, @Schema(nullable = true) LocalDate suspendedOn,
            @Schema(nullable = true) LocalDate endDate, @Schema(nullable = true) LocalDate terminatedOn) {
    }

    @Schema(name = "AgreementPage")
    public record AgreementPage(List<AgreementView> items, int page, int size, long total) {
    }

    @Schema(name = "AgreementTransitionRequest")
    public record TransitionRequest(
            @NotNull @Schema(example = "SIGNED") AgreementStatus to,
            @NotNull @Schema(description = "The date the step took effect", example = "2025-06-27") LocalDate on,
            @Size(max = 2000) @Schema(description = "Required to terminate or suspend") String reason) {
    }

    @Schema(name = "AgreementRevision")
    public record RevisionView(int revision, String actor, Instant changedAt, String operation,
            List<FieldChange> changes) {
    }

    @Schema(name = "AgreementFieldChange")
    public record FieldChange(String field, Object from, Object to) {
    }

    @Schema(name = "AgreementHistory")
    public record HistoryView(UUID agreementId, List<RevisionView> revisions) {
    }

    @Schema(name = "AgreementCommodity")
    public record CommodityView(String code, String name) {
    }
}
