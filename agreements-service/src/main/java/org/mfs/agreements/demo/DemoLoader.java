package org.mfs.agreements.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mfs.agreements.Agreement;
import org.mfs.agreements.Project;
import org.mfs.agreements.repository.CommodityRepository;
import org.mfs.agreements.rest.AgreementDtos.CreateAgreement;
import org.mfs.agreements.rest.AgreementDtos.TransitionRequest;
import org.mfs.agreements.rest.ObligationDtos.CreateObligation;
import org.mfs.agreements.rest.ProjectDtos.CreateProject;
import org.mfs.agreements.rest.ProjectDtos.DecisionRequest;
import org.mfs.agreements.rest.ProjectDtos.DesignateRequest;
import org.mfs.agreements.service.AgreementService;
import org.mfs.agreements.service.ObligationService;
import org.mfs.agreements.service.ProjectService;
import org.mfs.platform.security.Caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads demo/agreements-demo.json when {@code mfs.agreements.demo.enabled=true} (the %dev profile, or env
 * {@code MFS_AGREEMENTS_DEMO_ENABLED=true} for the local stack; never set in production). It waits in the
 * background until the commodity read model knows the codes the demo needs (they arrive from minerals-service),
 * then applies each agreement through the use cases (validated, with events and history; actor demo-loader),
 * skipping agreements whose reference code exists, so a restart loads nothing twice.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);
    public static final String RESOURCE = "demo/agreements-demo.json";

    private final boolean enabled;
    private final Duration wait;
    private final ObjectMapper mapper;
    private final CommodityRepository commodities;
    private final AgreementService agreements;
    private final ProjectService projects;
    private final ObligationService obligations;
    private final EntityManager em;
    private volatile String state = "disabled";

    public DemoLoader(@ConfigProperty(name = "mfs.agreements.demo.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "mfs.agreements.demo.wait-for-commodities", defaultValue = "PT10M") Duration wait,
            ObjectMapper mapper, CommodityRepository commodities, AgreementService agreements, ProjectService projects,
            ObligationService obligations, EntityManager em) {
        this.enabled = enabled;
        this.wait = wait;
        this.mapper = mapper;
        this.commodities = commodities;
        this.agreements = agreements;
        this.projects = projects;
        this.obligations = obligations;
        this.em = em;
    }

    public String state() {
        return state;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        state = "waiting for commodities";
        Thread t = new Thread(this::loadSafely, "demo-loader");
        t.setDaemon(true);
        t.start();
    }

    private void loadSafely() {
        try {
            int n = load();
            state = "loaded " + n + " agreements";
            LOG.infof("demo data: %s", state);
        } catch (Exception e) {
            state = "failed: " + e.getMessage();
            LOG.errorf(e, "demo data not loaded");
        }
    }

    /** Loads the demo; returns how many agreements it created. */
    public int load() throws IOException, InterruptedException {
        JsonNode demo;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            demo = mapper.readTree(in);
        }
        List<String> needed = new ArrayList<>();
        demo.get("requiredCommodities").forEach(n -> needed.add(n.asText()));
        long deadline = System.nanoTime() + wait.toNanos();
        while (QuarkusTransaction.requiringNew().call(() -> commodities.known(needed)).size() < needed.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("commodities " + needed + " did not arrive from minerals-service in " + wait);
            }
            Thread.sleep(2000);
        }
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(Caller.class).get().actAs("demo-loader");
            int created = 0;
            for (JsonNode entry : demo.get("agreements")) {
                if (loadOne(entry)) {
                    created++;
                }
            }
            return created;
        } finally {
            request.terminate();
        }
    }

    private boolean loadOne(JsonNode entry) throws IOException {
        CreateAgreement create = mapper.treeToValue(entry.get("agreement"), CreateAgreement.class);
        boolean exists = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from agreement where reference_code = :c")
                .setParameter("c", create.referenceCode()).getSingleResult()).longValue() > 0);
        if (exists) {
            return false;
        }
        Agreement a = agreements.create(create);
        UUID id = a.id;
        for (JsonNode t : entry.path("transitions")) {
            agreements.transition(id, mapper.treeToValue(t, TransitionRequest.class));
        }
        for (JsonNode p : entry.path("projects")) {
            Project project = projects.add(id, mapper.treeToValue(p.get("project"), CreateProject.class));
            for (JsonNode d : p.path("designations")) {
                projects.designate(id, project.id, d.get("country").asText(), new DesignateRequest(
                        mapper.treeToValue(d.get("designation"), org.mfs.agreements.Designation.class),
                        java.time.LocalDate.parse(d.get("on").asText()), d.hasNonNull("note") ? d.get("note").asText() : null));
            }
            if (p.hasNonNull("decision")) {
                projects.decide(id, project.id, mapper.treeToValue(p.get("decision"), DecisionRequest.class));
            }
        }
        for (JsonNode o : entry.path("obligations")) {
            obligations.add(id, mapper.treeToValue(o, CreateObligation.class));
        }
        return true;
    }
}
