package org.mfs.gateway.overview;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.gateway.overview.OverviewDtos.AgreementOverview;
import org.mfs.gateway.overview.OverviewDtos.MineralSupply;
import org.mfs.gateway.overview.OverviewDtos.ObligationsPart;
import org.mfs.gateway.overview.OverviewDtos.PartStatus;
import org.mfs.gateway.overview.OverviewDtos.SecurityPart;
import org.mfs.gateway.overview.OverviewDtos.SupplyPart;
import org.mfs.gateway.routing.Upstream;
import org.mfs.gateway.routing.UpstreamReads;
import org.mfs.gateway.routing.UpstreamReads.Answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Composes the overview of one agreement from the three services, every call with the caller's token so each
 * service applies the caller's rights. The agreement, its obligations and the security programmes and totals are
 * asked for at once; the minerals' figures as soon as the agreement names them. Nothing is shown unless the
 * agreement itself is (its 404, 401 or 403 is the answer for the whole overview).
 */
@ApplicationScoped
public class OverviewComposer {

    static final String AGREEMENTS = "/api/v1/agreements/";
    static final String MINERALS = "/api/v1/minerals/";
    static final String SECURITY = "/api/v1/security-cooperation/";
    /** Programmes listed in the overview at most (the count and the totals cover all of them). */
    static final int MAX_PROGRAMMES = 100;

    /** The whole answer: an overview (200), or the problem that stands for the whole overview. */
    public record Outcome(int status, AgreementOverview overview, String problem, Integer retryAfterSeconds) {
    }

    private final UpstreamReads reads;
    private final ObjectMapper json;

    OverviewComposer(UpstreamReads reads, ObjectMapper json) {
        this.reads = reads;
        this.json = json;
    }

    public CompletionStage<Outcome> compose(UUID id, Map<String, String> callerHeaders, String instance) {
        Upstream agreements = reads.service("agreements");
        Upstream minerals = reads.service("minerals");
        Upstream security = reads.service("security-cooperation");
        CompletableFuture<Answer> agreement = reads.get(agreements, AGREEMENTS + id, callerHeaders).toCompletableFuture();
        CompletableFuture<Answer> obligations = reads.get(agreements, AGREEMENTS + id + "/obligations", callerHeaders)
                .toCompletableFuture();
        CompletableFuture<Answer> programmes = reads.get(security, SECURITY + "programmes?agreementId=" + id
                + "&size=" + MAX_PROGRAMMES + "&sort=referenceCode", callerHeaders).toCompletableFuture();
        CompletableFuture<Answer> totals = reads.get(security, SECURITY + "totals?agreementId=" + id + "&groupBy=category",
                callerHeaders).toCompletableFuture();
        return agreement.thenCompose(answer -> {
            if (!answer.answered()) {
                return done(problem(503, "upstream-unavailable", "Upstream service unavailable",
                        answer.reason() + "; the overview cannot be given without its agreement", instance), 1);
            }
            if (answer.status() == 404) {
                return done(problem(404, "not-found", "Not Found", "No agreement " + id, instance), null);
            }
            if (answer.status() >= 400 && answer.status() < 500) {
                // the caller's own problem (401, 403, ...): the service's problem document, as it would be forwarded
                return CompletableFuture.completedFuture(new Outcome(answer.status(), null, answer.body().toString(), null));
            }
            JsonNode agreementJson = answer.status() == 200 ? parse(answer) : null;
            if (agreementJson == null || !agreementJson.isObject()) {
                return done(problem(503, "upstream-unavailable", "Upstream service unavailable",
                        failed(answer) + "; the overview cannot be given without its agreement", instance), 1);
            }
            CompletableFuture<SupplyPart> supply = supply(minerals, agreementJson, callerHeaders);
            return CompletableFuture.allOf(supply, obligations, programmes, totals).thenApply(all -> {
                SecurityPart securityPart = security(security, programmes.join(), totals.join());
                ObligationsPart obligationsPart = obligations(agreements, obligations.join());
                SupplyPart supplyPart = supply.join();
                Set<String> unavailable = new LinkedHashSet<>();
                if (supplyPart.status() == PartStatus.UNAVAILABLE) {
                    unavailable.add(supplyPart.service());
                }
                if (securityPart.status() == PartStatus.UNAVAILABLE) {
                    unavailable.add(securityPart.service());
                }
                if (obligationsPart.status() == PartStatus.UNAVAILABLE) {
                    unavailable.add(obligationsPart.service());
                }
                return new Outcome(200, new AgreementOverview(agreementJson, unavailable.isEmpty(), List.copyOf(unavailable),
                        supplyPart, securityPart, obligationsPart, Instant.now()), null, null);
            });
        });
    }

    private CompletableFuture<SupplyPart> supply(Upstream minerals, JsonNode agreement, Map<String, String> headers) {
        List<String> commodities = new ArrayList<>();
        agreement.path("coveredMinerals").forEach(m -> commodities.add(m.asText()));
        Set<String> countries = new LinkedHashSet<>();
        agreement.path("parties").forEach(p -> countries.add(p.path("country").asText()));
        Map<String, CompletableFuture<Answer>> concentrations = new LinkedHashMap<>();
        for (String commodity : commodities) {
            concentrations.put(commodity, reads.get(minerals, MINERALS + "analytics/" + pathSegment(commodity)
                    + "/concentration?top=5", headers).toCompletableFuture());
        }
        CompletableFuture<Answer> exposure;
        if (commodities.isEmpty() || countries.isEmpty()) {
            exposure = CompletableFuture.completedFuture(null);
        } else {
            StringBuilder uri = new StringBuilder(MINERALS + "analytics/exposure?");
            countries.forEach(c -> uri.append("country=").append(query(c)).append('&'));
            commodities.forEach(c -> uri.append("commodity=").append(query(c)).append('&'));
            exposure = reads.get(minerals, uri.substring(0, uri.length() - 1), headers).toCompletableFuture();
        }
        CompletableFuture<Answer> editions = reads.get(minerals, MINERALS + "editions?size=1", headers).toCompletableFuture();
        List<CompletableFuture<Answer>> all = new ArrayList<>(concentrations.values());
        all.add(exposure);
        all.add(editions);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            // the service gave no answer, or failed itself: the part is unavailable
            for (CompletableFuture<Answer> call : all) {
                Answer a = call.join();
                if (a != null && (!a.answered() || a.status() >= 500 || a.status() == 401 || a.status() == 403)) {
                    return SupplyPart.unavailable(minerals.name(), failed(a));
                }
            }
            Answer exposureAnswer = exposure.join();
            JsonNode exposureJson = exposureAnswer != null && exposureAnswer.status() == 200 ? parse(exposureAnswer) : null;
            List<MineralSupply> supplies = new ArrayList<>();
            for (Map.Entry<String, CompletableFuture<Answer>> entry : concentrations.entrySet()) {
                supplies.add(mineral(entry.getKey(), entry.getValue().join(), exposureJson));
            }
            Answer editionsAnswer = editions.join();
            JsonNode latest = editionsAnswer.status() == 200 ? parse(editionsAnswer).path("items").path(0) : null;
            return new SupplyPart(PartStatus.AVAILABLE, null, null, supplies, exposureJson,
                    latest == null || latest.isMissingNode() ? null : latest);
        });
    }

    private MineralSupply mineral(String commodity, Answer concentration, JsonNode exposure) {
        JsonNode partyShares = null;
        if (exposure != null) {
            for (JsonNode c : exposure.path("commodities")) {
                if (commodity.equals(c.path("commodity").asText())) {
                    for (JsonNode m : c.path("measures")) {
                        if ("MINE_PRODUCTION".equals(m.path("measure").asText())) {
                            partyShares = m.path("byCountry");
                        }
                    }
                }
            }
        }
        if (concentration.status() != 200) {
            return new MineralSupply(commodity, null, null, null, null, null, null, null, partyShares,
                    detail(concentration));
        }
        JsonNode c = parse(concentration);
        List<String> editions = new ArrayList<>();
        c.path("editions").forEach(e -> editions.add(e.asText()));
        return new MineralSupply(commodity, c.path("year").isNumber() ? c.path("year").asInt() : null,
                c.path("unit").asText(null), c.path("worldTotal").isNumber() ? c.path("worldTotal").asDouble() : null,
                c.path("hhi").isNumber() ? c.path("hhi").asDouble() : null, c.path("level").asText(null), editions,
                c.path("topProducers"), partyShares, null);
    }

    private SecurityPart security(Upstream security, Answer programmes, Answer totals) {
        for (Answer a : List.of(programmes, totals)) {
            if (a.status() != 200) {
                return SecurityPart.unavailable(security.name(), failed(a));
            }
        }
        JsonNode page = parse(programmes);
        return new SecurityPart(PartStatus.AVAILABLE, null, null, page.path("total").asLong(), page.path("items"),
                parse(totals).path("rows"));
    }

    private ObligationsPart obligations(Upstream agreements, Answer answer) {
        if (answer.status() != 200) {
            return ObligationsPart.unavailable(agreements.name(), failed(answer));
        }
        ArrayNode open = json.createArrayNode();
        ArrayNode overdue = json.createArrayNode();
        for (JsonNode obligation : parse(answer)) {
            switch (obligation.path("status").asText()) {
                case "PENDING" -> open.add(obligation);
                case "OVERDUE" -> overdue.add(obligation);
                default -> {
                    // met or waived: not for the dashboard
                }
            }
        }
        return new ObligationsPart(PartStatus.AVAILABLE, null, null, open, overdue);
    }

    /** Why a call gave nothing usable, in words naming the service. */
    private String failed(Answer a) {
        if (!a.answered()) {
            return a.reason();
        }
        String detail = detail(a);
        return a.upstream().name() + " answered " + a.status() + (detail == null ? "" : ": " + detail);
    }

    private String detail(Answer a) {
        JsonNode body = parse(a);
        return body.path("detail").isTextual() ? body.path("detail").asText() : null;
    }

    private JsonNode parse(Answer a) {
        try {
            return a.body().length() == 0 ? MissingNode.getInstance() : json.readTree(a.body().getBytes());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String problem(int status, String slug, String title, String detail, String instance) {
        return org.mfs.gateway.routing.Problems.json(status, slug, title, detail, instance).encode();
    }

    private static CompletableFuture<Outcome> done(String problem, Integer retryAfter) {
        int status = new io.vertx.core.json.JsonObject(problem).getInteger("status");
        return CompletableFuture.completedFuture(new Outcome(status, null, problem, retryAfter));
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
