package org.mfs.platform.infra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the application under test to verify {@link TestTokens} (issuer, audience, test public key), for
 * test suites that do not use {@link RealInfraTestResource} (which includes the same configuration).
 */
public class TestOidcResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.verifierConfig();
    }

    @Override
    public void stop() {
    }
}
