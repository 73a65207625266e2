package org.mfs.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.security.demo.DemoLoader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The local stack's demo data loads through the use cases, once, linked to the DRC-US agreement. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class DemoDataTest {

    @Inject
    DemoLoader loader;

    @Inject
    TestDb db;

    @Test
    void demoProgrammesMoneyIndicatorsAndIncidentsLoadOnceUnderTheDrcUsAgreement() throws Exception {
        UUID agreement = UUID.randomUUID();
        db.exec("insert into agreement_ref (id, reference_code, title, status, last_sequence, updated_at) "
                + "values (?, 'CD-US-2025-SP', 'DRC-US Strategic Partnership', 'SIGNED', 3, now())", agreement);
        assertArrayEquals(new int[] { 4, 12 }, loader.load(loader.read(), agreement));
        assertNull(loader.load(loader.read(), agreement), "a second start loads nothing");
        assertEquals(4, db.count("select count(*) from programme where demo and agreement_id = '" + agreement + "'"));
        assertEquals(12, db.count("select count(*) from incident where demo"));
        assertEquals(1, db.count("select count(*) from programme where demo and classification = 'RESTRICTED'"));
        editor().queryParam("agreementId", agreement.toString()).queryParam("status", "ACTIVE").get(PROGRAMMES).then()
                .statusCode(200).body("items.referenceCode", hasItems("DEMO-US-CD-AS-2026", "DEMO-US-CD-BS-2026", "DEMO-US-CD-TR-2026"))
                .body("items.demo", hasItems(true));
        editor().queryParam("region", "South Kivu").queryParam("type", "SMUGGLING_SEIZURE").get(BASE + "/incidents").then()
                .body("items.findAll { it.demo }.size()", equalTo(2));
    }
}
