package org.mfs.minerals.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.sql.SqlQueries;

/** The check that the commodity codes a site or a corridor names are in the catalogue. */
@ApplicationScoped
class KnownCommodities {

    private final SqlQueries sql;

    KnownCommodities(SqlQueries sql) {
        this.sql = sql;
    }

    /** 400 naming the first code of {@code codes} (at {@code field}[i]) that is not in the catalogue. */
    void require(String field, List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return;
        }
        List<String> known = sql.list("select code from commodity where code = any(?)", List.of(codes), rs -> rs.getString(1));
        for (int i = 0; i < codes.size(); i++) {
            if (!known.contains(codes.get(i))) {
                throw ProblemException.invalid(field + "[" + i + "]", "commodity " + codes.get(i) + " is not in the catalogue");
            }
        }
    }
}
