package org.mfs.security.rest;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies shared by several security-cooperation resources. */
public final class CommonDtos {

    private CommonDtos() {
    }

    /** Where a figure comes from: a document title, its URL or another reference, and its date. */
    @Schema(name = "SecuritySource")
    public record Source(
            @NotBlank @Size(max = 500) @Schema(example = "Congressional Budget Justification FY2025, Annex 3") String title,
            @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$", message = "an http or https URL")
            @Schema(nullable = true, example = "https://www.state.gov/cbj") String url,
            @Size(max = 500) @Schema(nullable = true, example = "CBJ-2025-INL-AF") String reference,
            @Schema(nullable = true, example = "2025-03-11") LocalDate date) {
    }

    /** An amount of money: a decimal with at most 2 fraction digits and its ISO 4217 currency. */
    @Schema(name = "SecurityMoney")
    public record Money(
            @NotNull @DecimalMin(value = "0.00", message = "must not be negative")
            @Digits(integer = 18, fraction = 2, message = "at most 18 digits and 2 decimals")
            @Schema(example = "2500000.00", description = "Decimal amount (numeric(20,2) in storage, never floating point)") BigDecimal amount,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "an ISO 4217 currency code such as USD")
            @Schema(example = "USD") String currency) {
    }
}
