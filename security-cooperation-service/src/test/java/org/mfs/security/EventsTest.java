package org.mfs.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.security.Api.BASE;
import static org.mfs.security.Api.PROGRAMMES;
import static org.mfs.security.Api.editor;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.mfs.platform.infra.EventSchemas;
import org.mfs.platform.infra.KafkaProbe;
import org.mfs.platform.infra.RealInfraTestResource;
import org.mfs.security.events.IncidentEvents;
import org.mfs.security.events.ProgrammeEvents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every programme, budget, disbursement, indicator and incident change is a CloudEvent on Kafka, valid against its schema. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "security_cooperation"))
class EventsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eachChangeOfAPublicProgrammeIsPublishedInOrderWithItsSchema() {
        String id = Api.create(Api.programme("Events", "PUBLIC"));
        String p = PROGRAMMES + "/" + id;
        editor().header("If-Match", "\"0\"").body("{\"objectives\": \"Fewer armed groups at mine sites\"}").patch(p).then().statusCode(200);
        Api.activate(id);
        editor().body(Api.budget(2026, "500.00", "USD")).post(p + "/budgets").then().statusCode(201);
        editor().body(Api.disbursement("2026-04-01", "120.25", "USD")).post(p + "/disbursements").then().statusCode(201);
        String ind = editor().body("{\"name\": \"Personnel trained\", \"unit\": \"persons\", \"baseline\": 0, \"target\": 200, \"direction\": \"INCREASE\"}")
                .post(p + "/indicators").then().statusCode(201).extract().path("id");
        editor().body(IndicatorTest.report("2026-03-31", "50")).post(p + "/indicators/" + ind + "/reports").then().statusCode(201);
        String incident = editor().body(IncidentTest.incident("2026-01-05", "CD", "South Kivu", "SMUGGLING_SEIZURE",
                "\"commodity\": \"gold\", \"quantity\": {\"value\": 3, \"unit\": \"kg\"}, \"programmeIds\": [\"" + id + "\"]"))
                .post(BASE + "/incidents").then().statusCode(201).extract().path("id");

        try (KafkaProbe programmes = new KafkaProbe(bootstrap, ProgrammeEvents.TOPIC);
                KafkaProbe incidents = new KafkaProbe(bootstrap, IncidentEvents.TOPIC)) {
            List<ConsumerRecord<String, String>> events = programmes.await(r -> id.equals(r.key()), 7, Duration.ofSeconds(30));
            assertEquals(List.of("programme.created.v1", "programme.updated.v1", "programme.status-changed.v1",
                    "programme.budget-set.v1", "programme.disbursement-recorded.v1", "programme.indicator-added.v1",
                    "programme.indicator-reported.v1"), events.stream().map(r -> KafkaProbe.header(r, "ce_type")).toList());
            for (int i = 0; i < events.size(); i++) {
                assertEquals(Integer.toString(i + 1), KafkaProbe.header(events.get(i), "ce_sequence"));
                assertEquals("/security-cooperation-service", KafkaProbe.header(events.get(i), "ce_source"));
                EventSchemas.assertValid(events.get(i));
            }
            assertTrue(events.get(4).value().contains("\"remaining\":379.75"), events.get(4).value());
            ConsumerRecord<String, String> recorded = incidents.await(r -> incident.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            EventSchemas.assertValid(recorded);
            assertTrue(recorded.value().contains(id), "a PUBLIC programme link is published");
        }
    }

    @Test
    void eachEventRecordMatchesItsCommittedSchema() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        int checked = 0;
        for (Class<?> holder : List.of(ProgrammeEvents.class, IncidentEvents.class)) {
            for (Class<?> c : holder.getDeclaredClasses()) {
                if (!c.isRecord()) {
                    continue;
                }
                String type = (String) c.getField("TYPE").get(null);
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("events/" + type + ".json")) {
                    assertNotNull(in, "no schema events/" + type + ".json");
                    JsonNode schema = mapper.readTree(in);
                    assertEquals(type, schema.get("title").asText());
                    Set<String> props = new TreeSet<>();
                    schema.get("properties").fieldNames().forEachRemaining(props::add);
                    Set<String> fields = Arrays.stream(c.getRecordComponents()).map(RecordComponent::getName)
                            .collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(fields, props, type + ": schema properties and record fields differ");
                    assertTrue(!schema.get("additionalProperties").asBoolean());
                    checked++;
                }
            }
        }
        assertEquals(9, checked, "event types with a schema");
    }
}
