package org.mfs.minerals.service;

import java.math.BigDecimal;

import org.mfs.platform.problem.ProblemException;

/** A bounding box in GeoJSON order; minLon > maxLon crosses the antimeridian. */
public record BBox(BigDecimal minLon, BigDecimal minLat, BigDecimal maxLon, BigDecimal maxLat) {

    /** Ten digits after the point are a tenth of a millimetre on the ground. */
    static final int MAX_FRACTION_DIGITS = 10;

    public static BBox parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw ProblemException.invalid("bbox", "must be minLon,minLat,maxLon,maxLat, e.g. 11.5,-13,28,-9");
        }
        BigDecimal[] v = new BigDecimal[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = new BigDecimal(parts[i].strip());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("bbox", "'" + parts[i].strip() + "' is not a number");
            }
            // 1e-1000000000 is within the ranges below, and the database driver cannot bind it
            if (v[i].scale() > MAX_FRACTION_DIGITS) {
                throw ProblemException.invalid("bbox", "'" + abbreviate(parts[i].strip()) + "' has more than "
                        + MAX_FRACTION_DIGITS + " digits after the decimal point");
            }
        }
        if (!lon(v[0]) || !lon(v[2])) {
            throw ProblemException.invalid("bbox", "longitudes must be between -180 and 180");
        }
        if (!lat(v[1]) || !lat(v[3])) {
            throw ProblemException.invalid("bbox", "latitudes must be between -90 and 90");
        }
        if (v[1].compareTo(v[3]) > 0) {
            throw ProblemException.invalid("bbox", "minLat must not be above maxLat");
        }
        return new BBox(v[0], v[1], v[2], v[3]);
    }

    private static String abbreviate(String text) {
        return text.length() > 30 ? text.substring(0, 30) + "…" : text;
    }

    boolean wraps() {
        return minLon.compareTo(maxLon) > 0;
    }

    private static boolean lat(BigDecimal v) {
        return v.compareTo(BigDecimal.valueOf(-90)) >= 0 && v.compareTo(BigDecimal.valueOf(90)) <= 0;
    }

    private static boolean lon(BigDecimal v) {
        return v.compareTo(BigDecimal.valueOf(-180)) >= 0 && v.compareTo(BigDecimal.valueOf(180)) <= 0;
    }
}
