package org.mfs.platform.infra;

import java.util.OptionalDouble;

import io.restassured.RestAssured;

/** One scrape of a service's {@code /q/metrics} (Prometheus text format), read the way a dashboard would. */
public record MetricsScrape(String text) {

    /** Scrapes {@code /q/metrics} of the application under test (RestAssured's base URI and port). */
    public static MetricsScrape now() {
        return new MetricsScrape(RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of the sample whose name and labels start with {@code series}, e.g.
     * {@code mfs_consumer_events_total{consumer="x"} } or {@code mfs_outbox_pending}; empty when there is none.
     * Labels are matched as written in the scrape (Micrometer sorts them by name).
     */
    public OptionalDouble value(String series) {
        return text.lines().filter(l -> !l.startsWith("#") && l.startsWith(series))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }

    /** Like {@link #value} but 0 when the series is absent (a counter not incremented yet has no sample). */
    public double valueOrZero(String series) {
        return value(series).orElse(0);
    }
}
