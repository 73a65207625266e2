package org.mfs.agreements.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.agreements.Agreement;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.agreements.PartyRole;
import org.mfs.platform.validation.CountryCode;

/** The agreement API's request and response bodies (the wire model, separate from the entity). */
public final class AgreementDtos {

    private AgreementDtos() {
    }

    @Schema(name = "AgreementCreateRequest")
    public record CreateAgreement(
            @NotBlank @Size(max = 300) @Schema(example = "DRC-US Strategic Partnership") String title,
            @NotNull @Schema(example = "STRATEGIC_PARTNERSHIP") AgreementType type,
            @NotNull @Size(min = 2, message = "an agreement needs at least two parties") List<@Valid @NotNull PartyBody> parties) {
    }

    @Schema(name = "AgreementParty")
    public record PartyBody(
            @NotNull @CountryCode @Schema(description = "ISO 3166-1 alpha-2", example = "CD") String country,
            @NotNull @Schema(example = "RESOURCE_HOLDER") PartyRole role) {
    }

    @Schema(name = "Agreement")
    public record AgreementView(UUID id, String title, AgreementType type, AgreementStatus status,
            List<PartyBody> parties, Instant createdAt, Instant updatedAt, long version) {

        public static AgreementView of(Agreement a) {
            return new AgreementView(a.id, a.title, a.type, a.status,
                    a.parties.stream().map(p -> new PartyBody(p.country, p.role)).toList(), a.createdAt, a.updatedAt,
                    a.version);
        }
    }

    @Schema(name = "AgreementPage")
    public record AgreementPage(List<AgreementView> items, int page, int size, long total) {
    }
}
