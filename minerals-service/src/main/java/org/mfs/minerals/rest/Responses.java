package org.mfs.minerals.rest;

/** Shared OpenAPI texts. */
final class Responses {

    private Responses() {
    }

    static final String PROBLEM = "application/problem+json";
    static final String GEOJSON = "application/geo+json";
    static final String CSV = "text/csv";
}
