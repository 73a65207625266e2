package org.mfs.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mfs.platform.infra.SpectralLint;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The published documents pass Spectral's {@code spectral:oas} ruleset with no error and no warning (ADR 0015): each
 * service's committed document, and the suite's merged document the gateway serves (merged from those three).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamStubs.class)
class SpectralLintTest {

    private static Path spectral() {
        Optional<Path> spectral = SpectralLint.available();
        assumeTrue(spectral.isPresent(), "Spectral (npm @stoplight/spectral-cli) cannot be installed on this machine");
        return spectral.get();
    }

    @ParameterizedTest
    @ValueSource(strings = { "agreements-service", "minerals-service", "security-cooperation-service" })
    void serviceDocumentHasNoFinding(String service) throws IOException {
        Path snapshot = UpstreamStubs.snapshot(service);
        List<SpectralLint.Finding> findings = SpectralLint.lint(spectral(), Files.readString(snapshot));
        assertEquals(List.of(), findings, snapshot.normalize() + " under spectral:oas");
    }

    @Test
    void mergedDocumentHasNoFinding() {
        TestTokens.useForEveryRequest(TestTokens.admin());
        try {
            String merged = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
            assertEquals(List.of(), SpectralLint.lint(spectral(), merged), "the merged document under spectral:oas");
        } finally {
            TestTokens.clearDefault();
        }
    }
}
