package org.mfs.platform.kafka;

import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The admin client the suite's services open for their topics (the relay's, the consumers' dead-letter topics and
 * the topics they wait for): short timeouts, so a missing broker costs a start-up seconds, not minutes, and the
 * configured connection security ({@link KafkaClientSecurity}).
 */
public final class KafkaAdmins {

    private KafkaAdmins() {
    }

    public static Admin open(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(KafkaClientSecurity.apply(p));
    }
}
