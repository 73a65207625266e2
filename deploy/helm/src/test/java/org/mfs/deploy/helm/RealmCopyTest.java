package org.mfs.deploy.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Helm reads no file outside the chart, so the chart carries a copy of the suite's Keycloak realm
 * (deploy/keycloak/mfs-realm.json, owned by the identity work). The copy must be the same file byte for byte:
 * after changing the realm, run {@code cp deploy/keycloak/mfs-realm.json deploy/helm/mfs/files/mfs-realm.json}.
 */
class RealmCopyTest {

    static final Path SOURCE = Chart.REPO.resolve("deploy/keycloak/mfs-realm.json");
    static final Path COPY = Chart.DIR.resolve("files/mfs-realm.json");

    @Test
    void theChartsRealmIsTheSuitesRealm() throws Exception {
        // the realm comes with the identity work; until it is on this branch there is nothing to compare with
        Assumptions.assumeTrue(Files.exists(SOURCE), "deploy/keycloak/mfs-realm.json is not on this branch yet");
        assertTrue(Files.exists(COPY), COPY + " is missing");
        assertEquals(Files.readString(SOURCE), Files.readString(COPY),
                "deploy/helm/mfs/files/mfs-realm.json differs from deploy/keycloak/mfs-realm.json: copy it again");
    }

    @Test
    void theDevInstallImportsThatRealmIntoItsKeycloak() throws Exception {
        var rendered = Chart.render(Chart.DEV);
        JsonNode cm = rendered.get("ConfigMap", Chart.RELEASE + "-keycloak-realm");
        assertEquals(Files.readString(COPY), cm.path("data").path("mfs-realm.json").asText());
        JsonNode realm = Chart.YAML.readTree(COPY.toFile());
        // the services verify tokens of that realm's issuer, for the audience the realm issues
        JsonNode config = rendered.get("ConfigMap", "agreements-service-config").path("data");
        assertTrue(config.path("QUARKUS_OIDC_TOKEN_ISSUER").asText().endsWith("/realms/" + realm.path("realm").asText()),
                config.toString());
        assertTrue(config.path("MFS_OIDC_ISSUER").asText().startsWith("http://" + Chart.RELEASE + "-keycloak:8080/realms/"),
                config.toString());
    }
}
