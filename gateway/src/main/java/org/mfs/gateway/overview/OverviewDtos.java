package org.mfs.gateway.overview;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard overview of one agreement (docs/adr/0014-dashboard-overview.md). Pieces of the services' answers are
 * embedded unchanged and documented by the owning service's schema ({@code Agreement}, {@code AgreementObligation},
 * {@code MineralCountryShare}, ...); the merged OpenAPI document resolves those references.
 */
public final class OverviewDtos {

    private OverviewDtos() {
    }

    /** Whether a part could be fetched. */
    @Schema(name = "OverviewPartStatus", enumeration = { "available", "unavailable" })
    public enum PartStatus {
        @JsonProperty("available")
        AVAILABLE,
        @JsonProperty("unavailable")
        UNAVAILABLE
    }

    @Schema(name = "AgreementOverview", description = "An agreement with the supply picture of its minerals, its security "
            + "programmes and its open and overdue obligations, each part fetched from its service with the caller's "
            + "token. A part whose service failed is marked unavailable with the reason; the others are still there.")
    public record AgreementOverview(
            @Schema(description = "The agreement, as agreements-service returns it", ref = "Agreement") JsonNode agreement,
            @Schema(description = "True when every part is available") boolean complete,
            @Schema(description = "Services whose part is unavailable", examples = "[]") List<String> unavailableServices,
            SupplyPart supply,
            SecurityPart security,
            ObligationsPart obligations,
            @Schema(examples = "2026-03-10T16:15:50Z") Instant generatedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OverviewSupply", description = "From minerals-service: for each covered mineral its concentration and "
            + "the parties' shares. When status is unavailable only status, service and reason are present.")
    public record SupplyPart(
            PartStatus status,
            @Schema(description = "The service of an unavailable part", examples = "minerals-service") String service,
            @Schema(description = "Why the part is unavailable", examples = "minerals-service did not answer within 1 s") String reason,
            @Schema(description = "One entry per covered mineral, in the agreement's order") List<MineralSupply> minerals,
            @Schema(description = "The parties' combined and individual shares per commodity and measure",
                    ref = "MineralPartnerExposure") JsonNode exposure,
            @Schema(description = "The newest statistics edition minerals-service holds", ref = "MineralEdition") JsonNode latestEdition) {

        static SupplyPart unavailable(String service, String reason) {
            return new SupplyPart(PartStatus.UNAVAILABLE, service, reason, null, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OverviewMineralSupply", description = "Supply picture of one mineral: world share of each party, HHI "
            + "and its level, the top producers and the edition the figures come from (mine production, latest year)")
    public record MineralSupply(
            @Schema(examples = "cobalt") String commodity,
            @Schema(examples = "2024") Integer year,
            @Schema(examples = "t") String unit,
            @Schema(examples = "290000") Double worldTotal,
            @Schema(description = "Herfindahl-Hirschman Index, 0-10,000", examples = "5867.3") Double hhi,
            @Schema(ref = "MineralConcentrationLevel") String level,
            @Schema(description = "Editions the figures come from", examples = "[\"USGS MCS 2025\"]") List<String> editions,
            @Schema(description = "Largest producers (MineralCountryShare)")
            JsonNode topProducers,
            @Schema(description = "Each party's share of world mine production (MineralCountryShare)")
            JsonNode partyShares,
            @Schema(description = "Why there are no figures, when minerals-service has none for this mineral",
                    examples = "No statistics for coltan") String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OverviewSecurity", description = "From security-cooperation-service: the programmes under the agreement "
            + "that the caller may see, and their budget and disbursement totals by category and currency (over the same "
            + "programmes only). When status is unavailable only status, service and reason are present.")
    public record SecurityPart(
            PartStatus status,
            @Schema(examples = "security-cooperation-service") String service,
            String reason,
            @Schema(description = "Programmes under the agreement the caller may see", examples = "3") Long programmeCount,
            @Schema(description = "The programmes (SecurityProgramme), at most 100")
            JsonNode programmes,
            @Schema(description = "Rows by category and currency (SecurityTotalsRow)")
            JsonNode totalsByCategory) {

        static SecurityPart unavailable(String service, String reason) {
            return new SecurityPart(PartStatus.UNAVAILABLE, service, reason, null, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OverviewObligations", description = "From agreements-service: obligations still to be met. When status "
            + "is unavailable only status, service and reason are present.")
    public record ObligationsPart(
            PartStatus status,
            @Schema(examples = "agreements-service") String service,
            String reason,
            @Schema(description = "Pending, not yet due (AgreementObligation)")
            JsonNode open,
            @Schema(description = "Pending past their due date (AgreementObligation)")
            JsonNode overdue) {

        static ObligationsPart unavailable(String service, String reason) {
            return new ObligationsPart(PartStatus.UNAVAILABLE, service, reason, null, null);
        }
    }
}
