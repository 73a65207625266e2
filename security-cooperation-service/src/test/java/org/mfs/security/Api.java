package org.mfs.security;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import org.mfs.platform.infra.TestTokens;
import org.mfs.platform.security.Clearance;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the test callers, and bodies the tests reuse. */
public final class Api {

    public static final String BASE = "/api/v1/security-cooperation";
    public static final String PROGRAMMES = BASE + "/programmes";

    private Api() {
    }

    /** A US editor with CONFIDENTIAL clearance (sees and changes US programmes of every classification). */
    public static final String EDITOR_TOKEN = TestTokens.user("us-editor").partner("US").clearance(Clearance.CONFIDENTIAL)
            .roles("editor").sign();

    /** Requests as {@link #EDITOR_TOKEN}. */
    public static RequestSpecification editor() {
        return given().auth().oauth2(EDITOR_TOKEN).contentType(ContentType.JSON);
    }

    public static String programme(String title, String classification) {
        return """
                {"title": "%s", "providerCountry": "US", "recipientCountry": "CD", "category": "ANTI_SMUGGLING",
                 "classification": "%s", "startDate": "2025-10-01", "endDate": "2027-09-30",
                 "targetRegions": [{"country": "CD", "region": "South Kivu"}],
                 "sources": [{"title": "Programme document", "reference": "INL-CD-%s"}]}
                """.formatted(title, classification, UUID.randomUUID().toString().substring(0, 8));
    }

    /** Creates a programme and returns its id. */
    public static String create(String body) {
        return editor().body(body).post(PROGRAMMES).then().statusCode(201).extract().path("id");
    }

    public static void activate(String id) {
        editor().body("{\"to\": \"ACTIVE\"}").post(PROGRAMMES + "/" + id + "/transitions").then().statusCode(200);
    }

    public static String budget(int fiscalYear, String amount, String currency) {
        return """
                {"fiscalYear": %d, "amount": {"amount": %s, "currency": "%s"},
                 "source": {"title": "Budget justification", "url": "https://example.org/cbj"}}
                """.formatted(fiscalYear, amount, currency);
    }

    public static String disbursement(String on, String amount, String currency) {
        return """
                {"disbursedOn": "%s", "amount": {"amount": %s, "currency": "%s"}, "purpose": "Equipment tranche",
                 "source": {"title": "Disbursement notice", "reference": "DN-%s"}}
                """.formatted(on, amount, currency, UUID.randomUUID().toString().substring(0, 6));
    }
}
