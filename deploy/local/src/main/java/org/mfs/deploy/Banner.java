package org.mfs.deploy;

import java.util.List;
import java.util.Locale;

/** The banner the launcher prints once the stack is up: addresses, users, how to get a token and watch events. */
final class Banner {

    private Banner() {
    }

    static String of(LocalStack stack, long startedMillis, List<DemoLoader.Result> demoResults) {
        String nl = System.lineSeparator();
        String rule = "=".repeat(78);
        String gw = stack.gatewayUrl();
        String firstTopic = stack.topics().stream().findFirst().orElse("agreements.agreement.v1");
        StringBuilder b = new StringBuilder();
        b.append(rule).append(nl);
        b.append(String.format(Locale.ROOT, " The MFS suite is running locally (started in %.0f s)%n", startedMillis / 1000.0));
        b.append(nl);
        b.append("   Gateway      ").append(gw).append(nl);
        b.append("   Swagger UI   ").append(gw).append("/q/swagger-ui").append(nl);
        b.append("   OpenAPI      ").append(gw).append("/q/openapi").append(nl);
        for (ServiceSpec s : stack.config().services()) {
            if (!s.isGateway()) {
                b.append(String.format(Locale.ROOT, "   %-30s http://localhost:%d%n", s.name(), stack.config().port(s)));
            }
        }
        b.append("   Issuer       ").append(stack.config().oidcIssuer()).append(stack.config().startsKeycloak()
                ? "  (Keycloak; console " + "http://localhost:" + stack.config().keycloakPort() + "/admin, admin/admin)" : "")
                .append(nl);
        b.append("   Kafka        ").append(stack.kafkaBootstrap()).append(nl);
        List<String> topics = stack.topics();
        if (!topics.isEmpty()) {
            b.append("   Topics       ").append(String.join(", ", topics)).append(nl);
        }
        b.append("   PostgreSQL   ").append(stack.jdbcUrl("<database>")).append("  user ").append(stack.dbUser())
                .append(" password ").append(stack.dbPassword()).append(nl);
        b.append("   Data folder  ").append(stack.config().dataDir()).append("  (kept between runs; delete it to start afresh)").append(nl);
        b.append("   Logs         ").append(stack.config().logDir()).append(nl);
        if (!demoResults.isEmpty()) {
            b.append("   Demo data    ").append(String.join("; ", demoResults.stream().map(Object::toString).toList())).append(nl);
        }
        b.append(nl);
        b.append(" Try it (every /api call needs a bearer token):").append(nl);
        if (stack.config().startsKeycloak()) {
            b.append(" Users: drc-editor, us-editor, jp-editor, drc-committee, fr-viewer, monitor, admin (password = username)")
                    .append(nl);
            b.append("   TOKEN=$(curl -s ").append(stack.config().oidcIssuer()).append("/protocol/openid-connect/token \\").append(nl)
                    .append("     -d grant_type=password -d client_id=").append(LocalKeycloak.CLI_CLIENT)
                    .append(" -d username=drc-editor -d password=drc-editor | jq -r .access_token)").append(nl);
        } else {
            b.append("   TOKEN=<an access token from ").append(stack.config().oidcIssuer()).append(" with audience mfs-api>").append(nl);
        }
        b.append("   curl -s ").append(gw).append("/api/v1/agreements -H \"Authorization: Bearer $TOKEN\"").append(nl);
        b.append("   Swagger UI: Authorize, client mfs-dashboard (authorization code + PKCE)").append(nl);
        b.append(" Watch the events:").append(nl);
        // 'events' finds the broker through the data folder: name the folder when it is not the default one
        boolean defaultData = new StackConfig(stack.config().repoRoot()).dataDir().equals(stack.config().dataDir());
        b.append("   ").append(defaultData ? "" : "MFS_DATA_DIR=" + stack.config().dataDir() + " ")
                .append("deploy/run-local events ").append(firstTopic).append(nl);
        b.append("   kcat -C -b ").append(stack.kafkaBootstrap()).append(" -t ").append(firstTopic).append(" -o beginning -f '%k %h\\n%s\\n\\n'").append(nl);
        b.append("   java -cp \"$(cat platform/kafka-broker/target/classes/org/mfs/platform/kafka-broker.classpath)\" \\")
                .append(nl)
                .append("     org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server ").append(stack.kafkaBootstrap())
                .append(" --topic ").append(firstTopic)
                .append(" --from-beginning --property print.key=true --property print.headers=true").append(nl);
        b.append(nl);
        b.append(" Press Ctrl-C to stop everything (the data is kept).").append(nl);
        b.append(rule);
        return b.toString();
    }
}
