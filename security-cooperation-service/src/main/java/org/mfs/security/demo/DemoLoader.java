package org.mfs.security.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mfs.security.Classification;
import org.mfs.security.ProgrammeStatus;
import org.mfs.security.repository.ReadModels;
import org.mfs.security.rest.IncidentDtos.CreateIncident;
import org.mfs.security.rest.IndicatorDtos.CreateIndicator;
import org.mfs.security.rest.IndicatorDtos.CreateReport;
import org.mfs.security.rest.IndicatorDtos.IndicatorView;
import org.mfs.security.rest.MoneyDtos.CreateBudget;
import org.mfs.security.rest.MoneyDtos.CreateDisbursement;
import org.mfs.security.rest.ProgrammeDtos.CreateProgramme;
import org.mfs.security.rest.ProgrammeDtos.TargetRegion;
import org.mfs.security.rest.ProgrammeDtos.TransitionRequest;
import org.mfs.security.service.Audience;
import org.mfs.security.service.IncidentService;
import org.mfs.security.service.IndicatorService;
import org.mfs.security.service.MoneyService;
import org.mfs.security.service.ProgrammeService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads {@value #RESOURCE} for the local stack (mfs.security.demo.enabled, set by the launcher): waits in the background
 * until the DRC-US demo agreement has arrived from agreements.agreement.v1, then applies the file through the use cases
 * (as a US caller with CONFIDENTIAL clearance, actor {@value #ACTOR}). Loaded once: skipped when a demo programme exists.
 * Site ids the site read model does not know (minerals-service not running) are left out.
 */
@ApplicationScoped
public class DemoLoader {

    public static final String RESOURCE = "demo/security-demo.json";
    public static final String ACTOR = "demo-loader";
    private static final Logger LOG = Logger.getLogger(DemoLoader.class);

    private final boolean enabled;
    private final Duration wait;
    private final ObjectMapper mapper;
    private final EntityManager em;
    private final ReadModels readModels;
    private final ProgrammeService programmes;
    private final MoneyService money;
    private final IndicatorService indicators;
    private final IncidentService incidents;

    public DemoLoader(@ConfigProperty(name = "mfs.security.demo.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "mfs.security.demo.wait", defaultValue = "PT5M") Duration wait, ObjectMapper mapper,
            EntityManager em, ReadModels readModels, ProgrammeService programmes, MoneyService money,
            IndicatorService indicators, IncidentService incidents) {
        this.enabled = enabled;
        this.wait = wait;
        this.mapper = mapper;
        this.em = em;
        this.readModels = readModels;
        this.programmes = programmes;
        this.money = money;
        this.indicators = indicators;
        this.incidents = incidents;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            Thread t = new Thread(this::loadWhenReady, "security-demo-loader");
            t.setDaemon(true);
            t.start();
        }
    }

    private void loadWhenReady() {
        try {
            JsonNode demo = read();
            String reference = demo.get("agreementReference").asText();
            long deadline = System.nanoTime() + wait.toNanos();
            UUID agreement;
            while ((agreement = agreementId(reference)) == null) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("demo data not loaded: agreement %s did not arrive from agreements.agreement.v1 within %s", reference, wait);
                    return;
                }
                Thread.sleep(1000);
            }
            Thread.sleep(3000); // let minerals.site.v1 catch up too
            int[] counts = load(demo, agreement);
            if (counts != null) {
                LOG.infof("demo data loaded: %d programmes, %d incidents, linked to agreement %s", counts[0], counts[1], reference);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            LOG.error("demo data not loaded", e);
        }
    }

    private UUID agreementId(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = em.createNativeQuery("select id from agreement_ref where reference_code = :r")
                    .setParameter("r", reference).getResultList();
            return ids.isEmpty() ? null : ids.get(0);
        });
    }

    public JsonNode read() throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return mapper.readTree(in);
        }
    }

    /** Applies the demo file; returns [programmes, incidents], or null when demo data was there already. */
    public int[] load(JsonNode demo, UUID agreement) throws IOException {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(Audience.class).get().actAs(ACTOR, "US", Classification.CONFIDENTIAL);
            boolean loaded = QuarkusTransaction.requiringNew().call(() ->
                    ((Number) em.createNativeQuery("select count(*) from programme where demo").getSingleResult()).longValue() > 0);
            if (loaded) {
                return null;
            }
            Map<String, UUID> byReference = new HashMap<>();
            for (JsonNode entry : demo.get("programmes")) {
                ObjectNode body = (ObjectNode) entry.get("programme");
                body.put("agreementId", agreement.toString());
                CreateProgramme create = mapper.treeToValue(body, CreateProgramme.class);
                create = new CreateProgramme(create.referenceCode(), create.title(), create.providerCountry(),
                        create.recipientCountry(), create.agreementId(), create.category(), create.objectives(),
                        create.startDate(), create.endDate(), create.classification(), knownSites(create.targetRegions()),
                        create.sources());
                UUID id = programmes.create(create, true).id;
                byReference.put(create.referenceCode(), id);
                programmes.transition(id, new TransitionRequest(ProgrammeStatus.ACTIVE, null));
                for (JsonNode b : entry.get("budgets")) {
                    money.createBudget(id, mapper.treeToValue(b, CreateBudget.class));
                }
                for (JsonNode d : entry.get("disbursements")) {
                    money.disburse(id, mapper.treeToValue(d, CreateDisbursement.class));
                }
                for (JsonNode i : entry.get("indicators")) {
                    IndicatorView v = indicators.add(id, mapper.treeToValue(i.get("indicator"), CreateIndicator.class));
                    for (JsonNode r : i.get("reports")) {
                        indicators.report(id, v.id(), mapper.treeToValue(r, CreateReport.class));
                    }
                }
            }
            int count = 0;
            for (JsonNode i : demo.get("incidents")) {
                ObjectNode body = ((ObjectNode) i).deepCopy();
                List<String> ids = new ArrayList<>();
                body.remove("programmeRefs").forEach(r -> ids.add(byReference.get(r.asText()).toString()));
                body.set("programmeIds", mapper.valueToTree(ids));
                if (body.has("siteId") && readModels.knownSites(List.of(UUID.fromString(body.get("siteId").asText()))).isEmpty()) {
                    body.remove("siteId");
                    body.put("latitude", -10.6).put("longitude", 25.9); // the Kolwezi area, when the site is unknown here
                }
                incidents.record(mapper.treeToValue(body, CreateIncident.class), true);
                count++;
            }
            return new int[] { byReference.size(), count };
        } finally {
            request.terminate();
        }
    }

    private List<TargetRegion> knownSites(List<TargetRegion> regions) {
        List<TargetRegion> out = new ArrayList<>();
        for (TargetRegion r : regions) {
            List<UUID> ids = r.siteIds() == null ? List.of() : r.siteIds();
            var known = QuarkusTransaction.requiringNew().call(() -> readModels.knownSites(ids));
            out.add(new TargetRegion(r.country(), r.region(), ids.stream().filter(known::contains).toList()));
        }
        return out;
    }
}
