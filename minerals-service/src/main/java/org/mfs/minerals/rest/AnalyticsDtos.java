package org.mfs.minerals.rest;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mfs.minerals.Measure;
import org.mfs.platform.validation.CountryCode;

/** Response (and request) bodies of the analytics API. Shares are fractions (0-1); HHI runs 0-10,000. */
public final class AnalyticsDtos {

    private AnalyticsDtos() {
    }

    @Schema(name = "MineralCountryShare")
    public record CountryShare(
            @Schema(description = "ISO 3166-1 alpha-2, or ROW for the residual 'other countries'", example = "CD") String country,
            @Schema(nullable = true, example = "Congo - Kinshasa") String countryName,
            @Schema(description = "In the commodity's unit", example = "220000") BigDecimal value,
            @Schema(description = "Fraction of the world total", example = "0.758621") BigDecimal share,
            @Schema(example = "75.86") BigDecimal sharePercent,
            @Schema(example = "true") boolean estimated,
            @Schema(example = "USGS MCS 2025") String edition) {
    }

    @Schema(name = "MineralConcentrationLevel", description = "HHI < 1,500 unconcentrated; 1,500-2,500 moderately; > 2,500 highly concentrated")
    public enum Level {
        UNCONCENTRATED, MODERATELY_CONCENTRATED, HIGHLY_CONCENTRATED;

        public static Level of(BigDecimal hhi) {
            if (hhi == null) {
                return null;
            }
            return hhi.compareTo(BigDecimal.valueOf(1500)) < 0 ? UNCONCENTRATED
                    : hhi.compareTo(BigDecimal.valueOf(2500)) <= 0 ? MODERATELY_CONCENTRATED : HIGHLY_CONCENTRATED;
        }
    }

    @Schema(name = "MineralShares", description = "Shares of world supply by country, with coverage and the HHI concentration index")
    public record Shares(
            @Schema(example = "cobalt") String commodity,
            @Schema(example = "MINE_PRODUCTION") Measure measure,
            @Schema(example = "2024") int year,
            @Schema(example = "t") String unit,
            @Schema(description = "The edition the values come from: the one asked for with edition=, else the newest"
                    + " edition that reports this year (one edition, never mixed)",
                    example = "[\"USGS MCS 2025\"]") List<String> editions,
            @Schema(description = "The denominator of every share", example = "290000") BigDecimal worldTotal,
            @Schema(description = "PUBLISHED (the source's world-total row) or SUM_OF_ROWS (no world row: named countries + rest of world)",
                    example = "PUBLISHED") String worldTotalBasis,
            @Schema(description = "The world total is published as a lower bound", example = "false") boolean worldTotalLowerBound,
            @Schema(description = "Sum of the named countries", example = "282000") BigDecimal namedTotal,
            @Schema(description = "Named countries' share of the world total", example = "0.972414") BigDecimal coverage,
            @Schema(description = "Present when coverage exceeds 1: why (the source rounds countries and the world total"
                    + " separately)", nullable = true) String coverageNote,
            @Schema(description = "Share of the 'other countries' residual: many countries, not counted in the HHI", example = "0.021379") BigDecimal uncoveredShare,
            @Schema(nullable = true, description = "Rest of world value; null when the edition gives none", example = "6200")
            BigDecimal restOfWorld,
            @Schema(description = "Herfindahl-Hirschman Index over the named countries, 0-10,000", example = "5867.3") BigDecimal hhi,
            Level level,
            @Schema(example = "12") int countries,
            @Schema(description = "Named countries, largest first (the rest of world is in restOfWorld and uncoveredShare)")
            List<CountryShare> shares) {
    }

    @Schema(name = "MineralConcentration", description = "HHI with the top producers and the uncovered residual")
    public record Concentration(
            @Schema(example = "cobalt") String commodity,
            @Schema(example = "MINE_PRODUCTION") Measure measure,
            @Schema(example = "2024") int year,
            @Schema(example = "t") String unit,
            List<String> editions,
            @Schema(example = "290000") BigDecimal worldTotal,
            @Schema(example = "5867.3") BigDecimal hhi,
            Level level,
            @Schema(example = "0.972414") BigDecimal coverage,
            @Schema(example = "0.021379") BigDecimal uncoveredShare,
            @Schema(description = "Share of the top producers together", example = "0.885172") BigDecimal topShare,
            List<CountryShare> topProducers) {
    }

    @Schema(name = "MineralStageConcentration", description = "Concentration at each stage (mine, refinery) with data")
    public record Stages(
            @Schema(example = "copper") String commodity,
            @Schema(nullable = true, description = "The year asked for; null when each stage uses its latest year", example = "2024")
            Integer year,
            List<Concentration> stages) {
    }

    @Schema(name = "MineralSeriesPoint")
    public record SeriesPoint(
            @Schema(example = "2023") int year,
            @Schema(example = "USGS MCS 2025") String edition,
            @Schema(example = "350") BigDecimal value,
            boolean estimated,
            boolean lowerBound,
            @Schema(description = "The value queries answer for this year (newest edition)") boolean current,
            @Schema(description = "Share of that edition's world total", example = "0.171569") BigDecimal shareOfWorld,
            @Schema(nullable = true) String note) {
    }

    @Schema(name = "MineralTimeSeries", description = "A country's values across years and editions")
    public record TimeSeries(
            @Schema(example = "tantalum") String commodity,
            @Schema(example = "RW") String country,
            @Schema(example = "Rwanda") String countryName,
            Measure measure,
            @Schema(example = "t") String unit,
            List<SeriesPoint> points) {
    }

    @Schema(name = "MineralDisruptionImpact", description = "What removing the countries takes out of one commodity's world supply")
    public record DisruptionImpact(
            @Schema(example = "cobalt") String commodity,
            @Schema(example = "Cobalt") String name,
            Measure measure,
            @Schema(example = "2024") int year,
            @Schema(example = "t") String unit,
            @Schema(example = "290000") BigDecimal worldTotal,
            @Schema(description = "Volume of the removed countries", example = "220000") BigDecimal supplyLost,
            @Schema(description = "Fraction of world supply lost", example = "0.758621") BigDecimal shareLost,
            @Schema(example = "75.86") BigDecimal shareLostPercent,
            @Schema(description = "Removed countries that produce this commodity, largest first") List<CountryShare> removed,
            @Schema(description = "HHI of the named countries before", example = "5867.3") BigDecimal hhiBefore,
            @Schema(nullable = true, description = "HHI of the remaining named countries over the remaining supply; null when none remains")
            BigDecimal hhiAfter,
            List<String> editions) {
    }

    @Schema(name = "MineralDisruptionScenario")
    public record Disruption(
            @Schema(example = "[\"CD\"]") List<String> removedCountries,
            Measure measure,
            @Schema(description = "Commodities with data, the most affected first") List<DisruptionImpact> impacts) {
    }

    @Schema(name = "MineralExposureMeasure")
    public record ExposureMeasure(
            Measure measure,
            @Schema(example = "2024") int year,
            @Schema(example = "t") String unit,
            @Schema(example = "290000") BigDecimal worldTotal,
            @Schema(description = "The partners' combined volume", example = "220300") BigDecimal partnersValue,
            @Schema(description = "The partners' combined share of the world total", example = "0.759655") BigDecimal partnersShare,
            @Schema(example = "75.97") BigDecimal partnersSharePercent,
            List<CountryShare> byCountry,
            List<String> editions) {
    }

    @Schema(name = "MineralCommodityExposure")
    public record CommodityExposure(
            @Schema(example = "cobalt") String commodity,
            @Schema(example = "Cobalt") String name,
            List<ExposureMeasure> measures) {
    }

    @Schema(name = "MineralPartnerExposure", description = "Combined share of world production and reserves of a set of countries, per commodity")
    public record Exposure(
            @Schema(example = "[\"CD\", \"US\"]") List<String> countries,
            List<CommodityExposure> commodities) {
    }

    // ---- supply risk ----

    @Schema(name = "MineralGovernanceInput")
    public record GovernanceInput(
            @NotNull @CountryCode @Schema(example = "CD") String country,
            @NotNull @DecimalMin("0") @DecimalMax("10") @Schema(description = "WGI rescaled 0-10, higher = weaker governance", example = "8.2") BigDecimal score) {
    }

    @Schema(name = "MineralSourcingShare")
    public record SourcingShare(
            @NotNull @CountryCode @Schema(example = "CD") String country,
            @NotNull @DecimalMin("0") @DecimalMax("1") @Schema(description = "Fraction of EU supply from this country", example = "0.68") BigDecimal share) {
    }

    @Schema(name = "MineralTradeRestriction")
    public record TradeRestriction(
            @NotNull @CountryCode @Schema(example = "CN") String country,
            @NotNull @DecimalMin("1") @DecimalMax("3") @Schema(description = "Trade-restriction factor t_c, 1 when none", example = "1.1") BigDecimal factor) {
    }

    @Schema(name = "MineralSupplyRiskRequest", description = "Inputs for this computation; any absent input is taken from the stored inputs")
    public record SupplyRiskRequest(
            @Min(1900) @Max(2200) @Schema(description = "Production year; default the latest with data", example = "2024") Integer year,
            @Size(max = 100) @Schema(example = "USGS MCS 2025") String edition,
            @Size(max = 250) List<@Valid @NotNull GovernanceInput> governance,
            @DecimalMin("0") @DecimalMax("10") @Schema(description = "Score for producing countries without one (otherwise they are an error)") BigDecimal defaultGovernanceScore,
            @DecimalMin("0") @DecimalMax("1") @Schema(example = "0.81") BigDecimal importReliance,
            @DecimalMin("0") @DecimalMax("1") @Schema(example = "0.22") BigDecimal eolRecyclingInputRate,
            @DecimalMin("0") @DecimalMax("1") @Schema(example = "0.91") BigDecimal substitutionIndex,
            @DecimalMin("0") @Schema(example = "5.9") BigDecimal economicImportance,
            @Size(max = 250) List<@Valid @NotNull SourcingShare> euSourcing,
            @Size(max = 250) List<@Valid @NotNull TradeRestriction> tradeRestrictions) {
    }

    @Schema(name = "MineralSupplyRiskContribution")
    public record Contribution(
            @Schema(example = "CD") String country,
            @Schema(example = "0.758621") BigDecimal share,
            @Schema(example = "8.2") BigDecimal governanceScore,
            @Schema(example = "1") BigDecimal tradeFactor,
            @Schema(description = "share² × WGI × t", example = "4.719") BigDecimal contribution) {
    }

    @Schema(name = "MineralSupplyRiskStage")
    public record StageRisk(
            @Schema(description = "EXTRACTION (mine production) or PROCESSING (refinery production)", example = "EXTRACTION") String stage,
            Measure measure,
            @Schema(example = "2024") int year,
            @Schema(description = "HHI_WGI over global supply (shares as fractions)", example = "4.95") BigDecimal hhiWgiGlobal,
            @Schema(description = "HHI_WGI over the EU sourcing mix", example = "3.1") BigDecimal hhiWgiEu,
            @Schema(description = "No EU sourcing mix was given: the global mix stands in") boolean euSourcingAssumedGlobal,
            @Schema(description = "[HHI_GS × IR/2 + HHI_EU × (1 − IR/2)]") BigDecimal concentrationTerm,
            @Schema(example = "2.7") BigDecimal supplyRisk,
            @Schema(description = "Named countries' share of world supply (the residual has no governance score)") BigDecimal coverage,
            List<Contribution> global,
            List<Contribution> eu) {
    }

    @Schema(name = "MineralSupplyRisk", description = "EU 2017 methodology: SR = [HHI_WGI,GS × IR/2 + HHI_WGI,EU × (1 − IR/2)] × (1 − EoL_RIR) × SI_SR")
    public record SupplyRisk(
            @Schema(example = "cobalt") String commodity,
            @Schema(example = "0.81") BigDecimal importReliance,
            @Schema(example = "0.22") BigDecimal eolRecyclingInputRate,
            @Schema(example = "0.91") BigDecimal substitutionIndex,
            @Schema(nullable = true, description = "null when no economic importance is known") BigDecimal economicImportance,
            List<StageRisk> stages,
            @Schema(description = "The higher stage's SR", example = "2.5") BigDecimal supplyRisk,
            @Schema(example = "EXTRACTION") String decisiveStage,
            @Schema(example = "1.0") BigDecimal supplyRiskThreshold,
            @Schema(example = "2.8") BigDecimal economicImportanceThreshold,
            boolean crossesSupplyRiskThreshold,
            @Schema(nullable = true, description = "null when no economic importance is known")
            Boolean crossesEconomicImportanceThreshold,
            @Schema(nullable = true, description = "SR ≥ 1.0 and EI ≥ 2.8; null when no economic importance is known")
            Boolean critical) {
    }

    @Schema(name = "MineralSupplyRiskInputs", description = "Stored supply-risk inputs of one commodity")
    public record SupplyRiskInputs(
            @DecimalMin("0") @DecimalMax("1") @Schema(nullable = true, example = "0.81") BigDecimal importReliance,
            @DecimalMin("0") @DecimalMax("1") @Schema(nullable = true, example = "0.22") BigDecimal eolRecyclingInputRate,
            @DecimalMin("0") @DecimalMax("1") @Schema(nullable = true, example = "0.91") BigDecimal substitutionIndex,
            @DecimalMin("0") @Schema(nullable = true, example = "5.9") BigDecimal economicImportance,
            @Size(max = 250) List<@Valid @NotNull SourcingShare> euSourcing,
            @Size(max = 250) List<@Valid @NotNull TradeRestriction> tradeRestrictions,
            @Size(max = 300) @Schema(nullable = true, example = "EC 2023 criticality assessment factsheet") String source) {
    }

    @Schema(name = "MineralGovernanceScore")
    public record GovernanceScore(
            @Schema(example = "CD") String country,
            @Schema(example = "2023") int year,
            @Schema(example = "8.2") BigDecimal score,
            String source,
            long version) {
    }

    @Schema(name = "MineralGovernanceScoreRequest")
    public record GovernanceScoreBody(
            @NotNull @DecimalMin("0") @DecimalMax("10") @Schema(description = "WGI rescaled 0-10, higher = weaker governance", example = "8.2") BigDecimal score,
            @Size(max = 300) @Schema(example = "World Bank WGI 2023, rescaled 0-10 as in the EU methodology") String source) {
    }

    @Schema(name = "MineralGovernanceScorePage")
    public record GovernanceScorePage(List<GovernanceScore> items, int page, int size, long total) {
    }
}
