package org.mfs.minerals.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How figures leave the service: at most six decimals without trailing zeros; percentages with two. */
final class Decimals {

    private Decimals() {
    }

    static BigDecimal percent(BigDecimal share) {
        return share == null ? null : share.movePointRight(2).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal strip(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.setScale(Math.min(v.scale(), 6), RoundingMode.HALF_UP).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static BigDecimal num(ResultSet rs, String column) throws SQLException {
        return strip(rs.getBigDecimal(column));
    }
}
