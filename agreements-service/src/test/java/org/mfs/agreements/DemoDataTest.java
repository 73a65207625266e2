package org.mfs.agreements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.SignedInAsAdmin;
import org.mfs.agreements.demo.DemoLoader;
import org.mfs.platform.infra.RealInfraTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The demo file loads through the use cases once, with the DRC-US partnership as the background article has it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "agreements"))
class DemoDataTest extends SignedInAsAdmin {


    @Inject
    TestDb db;

    @Inject
    DemoLoader loader;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void loadsTheDemoAgreementsOnce() throws Exception {
        Commodities.seed(bootstrap, db);
        Commodities.created(bootstrap, "natural-graphite", "Natural graphite");
        Commodities.created(bootstrap, "rare-earths", "Rare earths");
        Commodities.await(db, "select count(*) from commodity where code in ('natural-graphite', 'rare-earths')", 2);

        assertEquals(4, loader.load());
        assertEquals(0, loader.load(), "a second run creates nothing");

        String id = db.text("select cast(id as text) from agreement where reference_code = 'CD-US-2025-SP'");
        given().get("/api/v1/agreements/" + id).then().statusCode(200)
                .body("title", equalTo("DRC-US Strategic Partnership"))
                .body("status", equalTo("SIGNED"))
                .body("dates.signedOn", equalTo("2025-12-04"))
                .body("parties.country", equalTo(List.of("CD", "US")))
                .body("coveredMinerals", equalTo(List.of("cobalt", "coltan", "gold")))
                .body("components.type", hasItems("SECURITY_COOPERATION", "INFRASTRUCTURE_INVESTMENT", "REGIONAL_CONNECTIVITY"));
        given().queryParam("q", "Grand Inga Lobito").queryParam("party", "CD").queryParam("mineral", "coltan")
                .get("/api/v1/agreements").then().statusCode(200).body("items.id", hasItems(id));
        given().get("/api/v1/agreements/" + id + "/projects?prioritised=true").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].name", equalTo("Grand Inga hydropower"))
                .body("[0].capacity.value", equalTo(43200))
                .body("[0].estimatedCost.amount", equalTo(10000000000L))
                .body("[0].designations.designation", equalTo(List.of("STRATEGIC", "CRITICAL")));
        given().get("/api/v1/agreements/" + id + "/projects").then().body("corridor", hasItems("Lobito Corridor"));
        given().get("/api/v1/agreements/" + id + "/history").then().body("revisions[0].actor", equalTo("system:demo-loader"));
        given().queryParam("status", "IN_FORCE").queryParam("q", "Ukraine").get("/api/v1/agreements").then()
                .body("total", equalTo(1));
        given().queryParam("status", "UNDER_NEGOTIATION").queryParam("party", "ZM").get("/api/v1/agreements").then()
                .body("total", equalTo(1));
    }
}
