package org.mfs.minerals.service;

import static org.mfs.minerals.service.Decimals.percent;
import static org.mfs.minerals.service.Decimals.strip;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.rest.AnalyticsDtos.CountryShare;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A country's share of world supply, from a result set's columns or from rows SQL aggregated as JSON. */
@ApplicationScoped
class CountryShares {

    private final ObjectMapper json;

    CountryShares(ObjectMapper json) {
        this.json = json;
    }

    record ShareRow(String country, BigDecimal value, BigDecimal share, boolean estimated, String edition) {
    }

    /** The rows of a {@code json_agg} of country, value, share, estimated and edition. */
    List<CountryShare> fromJson(String jsonRows) {
        if (jsonRows == null) {
            return List.of();
        }
        try {
            List<ShareRow> rows = json.readValue(jsonRows, new TypeReference<List<ShareRow>>() {
            });
            return rows.stream().map(r -> share(r.country(), r.value(), r.share(), r.estimated(), r.edition())).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CountryShare share(String area, BigDecimal value, BigDecimal share, boolean estimated, String edition) {
        return new CountryShare(area, CountryNames.displayName(area), strip(value), share, percent(share), estimated, edition);
    }
}
