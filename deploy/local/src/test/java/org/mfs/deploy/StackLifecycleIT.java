package org.mfs.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mfs.deploy.SuiteStack.CREATE;
import static org.mfs.deploy.SuiteStack.DEMO_AGREEMENTS;
import static org.mfs.deploy.SuiteStack.admin;
import static org.mfs.deploy.SuiteStack.assertEventually;
import static org.mfs.deploy.SuiteStack.config;
import static org.mfs.deploy.SuiteStack.demoResult;
import static org.mfs.deploy.SuiteStack.drcEditor;
import static org.mfs.deploy.SuiteStack.postAsACarefulClient;
import static org.mfs.deploy.SuiteStack.stack;
import static org.mfs.deploy.SuiteStack.work;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mfs.platform.infra.LocalKafka;

/**
 * The launcher as an operator runs it: a port already taken stops a start naming it and leaves nothing behind, and
 * a stop ends every process while the next run keeps the data. Runs last: it stops and restarts the suite.
 */
@ExtendWith(SuiteStack.class)
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleIT {

    @Test
    @Order(1)
    void aTakenPortStopsTheStartNamingThePortAndStartsNothing() throws IOException {
        Set<Long> before = descendants();
        Path otherData = work.resolve("port-taken");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(0));
            int taken = squatter.getLocalPort();
            StackConfig clash = new StackConfig(config.repoRoot()).dataDir(otherData)
                    .pgPort(LocalKafka.freePort())
                    .kafkaPorts(LocalKafka.freePort(), LocalKafka.freePort())
                .keycloakPort(LocalKafka.freePort());
            for (ServiceSpec s : ServiceSpec.SUITE) {
                clash.port(s, LocalKafka.freePort());
            }
            clash.port(ServiceSpec.GATEWAY, taken);
            LocalStack second = new LocalStack(clash, System.out);

            StackException e = assertThrows(StackException.class, second::start);

            assertEquals(StackException.PORT_TAKEN, e.exitCode());
            assertTrue(e.getMessage().contains("port " + taken + " (for gateway"), e.getMessage());
        }
        assertEquals(before, descendants(), "the failed start left processes behind");
        assertFalse(Files.exists(otherData.resolve("postgres")), "PostgreSQL was set up although a port was taken");
        assertFalse(Files.exists(otherData.resolve("kafka")), "Kafka was set up although a port was taken");

        // a second stack on the running one's data folder, even on free ports, is refused too
        StackConfig sameData = new StackConfig(config.repoRoot()).dataDir(config.dataDir())
                .pgPort(LocalKafka.freePort()).kafkaPorts(LocalKafka.freePort(), LocalKafka.freePort());
        for (ServiceSpec s : ServiceSpec.SUITE) {
            sameData.port(s, LocalKafka.freePort());
        }
        StackException e = assertThrows(StackException.class, new LocalStack(sameData, System.out)::start);
        assertEquals(StackException.PORT_TAKEN, e.exitCode());
        assertTrue(e.getMessage().contains("a local stack is already running on this data folder"), e.getMessage());
        assertEquals(before, descendants(), "the refused start left processes behind");
    }

    @Test
    @Order(2)
    void stopEndsEveryProcessAndTheNextRunKeepsTheData() throws Exception {
        String agreementId = postAsACarefulClient(drcEditor, "/api/v1/agreements", CREATE).then().statusCode(201)
                .extract().path("id");
        assertFalse(descendants().isEmpty());
        // 'deploy/run-local events' finds the running stack's broker through its data folder
        assertEquals(stack.kafkaBootstrap(), EventTail.bootstrap(Map.of("MFS_DATA_DIR", config.dataDir().toString())));
        // the demo agreements and those the earlier tests created
        int before = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?size=1")
                .then().statusCode(200).extract().path("total");
        assertTrue(before > DEMO_AGREEMENTS, "the demo agreements and the tests' own: " + before);
        stack.stop();
        assertFalse(Files.exists(StackInfrastructure.kafkaBootstrapFile(config.dataDir())), "a stopped stack still names its broker");

        assertEventually(() -> descendants().isEmpty(), "processes left after stop: " + describe(descendants()));
        for (Map.Entry<Integer, String> port : config.listeningPorts().entrySet()) {
            assertEventually(() -> Ports.isFree(port.getKey()), "port " + port.getKey() + " (" + port.getValue() + ") still taken after stop");
        }

        SuiteStack.restart();

        given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements/" + agreementId)
                .then().statusCode(200).body("title", equalTo("DRC-US Strategic Partnership"));
        assertEquals(DemoLoader.Outcome.ALREADY_LOADED, demoResult("minerals-usgs-mcs2025").outcome());
        Thread.sleep(3000); // give a wrongly repeated demo load the time to show
        int total = given().baseUri(stack.gatewayUrl()).auth().oauth2(admin).when().get("/api/v1/agreements?size=1")
                .then().statusCode(200).extract().path("total");
        assertEquals(before, total, "the second run loaded the demo data again");
    }

    // ---- helpers ----

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Set<Long> pids) {
        return pids.stream().map(pid -> pid + " " + ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?"))
                .collect(Collectors.joining("; "));
    }
}
