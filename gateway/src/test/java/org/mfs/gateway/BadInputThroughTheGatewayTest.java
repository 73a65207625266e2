package org.mfs.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.BadInputWalker;
import org.mfs.platform.infra.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every operation of the merged document, sent every class of hostile input through the gateway to the three real
 * services, as a dashboard would send it: no 5xx (a refusal that outlasts the gateway's 1 s response timeout is a
 * 504), every error a problem+json, and every answer documented, the gateway's own limits included. Each service's
 * own walk checks that refused requests change nothing stored.
 */
@QuarkusTest
@TestProfile(OverviewTest.WithRealServices.class)
class BadInputThroughTheGatewayTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noOperationAnswersHostileInputWithA5xxOrANonProblemOrAnUndocumentedStatus() {
        BadInputWalker walker = BadInputWalker.at(base.toString()).header("Authorization", "Bearer " + TestTokens.admin());
        List<BadInputWalker.Violation> violations = walker.walk();
        assertTrue(violations.isEmpty(), violations.size() + " of " + walker.requests() + " requests broke the rules:\n"
                + violations.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
}
