package org.mfs.minerals;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Short import time limits, so tests of stuck imports take seconds, not the production minutes. */
public class ImportLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mfs.minerals.importing.max-duration", "10s",
                "mfs.minerals.importing.lock-wait", "2s",
                "mfs.minerals.importing.retry-after", "2s");
    }
}
