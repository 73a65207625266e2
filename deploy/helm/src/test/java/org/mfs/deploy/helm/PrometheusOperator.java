package org.mfs.deploy.helm;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A small typed model of the Prometheus Operator resources this chart renders (monitoring.coreos.com/v1), written
 * from the operator's API reference for the fields the chart uses; like {@link CloudNativePg}, read by a mapper
 * that fails on unknown fields, so a misspelt or misplaced field fails the test.
 */
final class PrometheusOperator {

    private PrometheusOperator() {
    }

    record ServiceMonitor(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) CloudNativePg.Metadata metadata,
            @JsonProperty(required = true) ServiceMonitorSpec spec) {
    }

    record ServiceMonitorSpec(@JsonProperty(required = true) LabelSelector selector, NamespaceSelector namespaceSelector,
            @JsonProperty(required = true) List<Endpoint> endpoints, String jobLabel) {
        ServiceMonitorSpec {
            CloudNativePg.require(!endpoints.isEmpty(), "a ServiceMonitor has at least one endpoint");
        }
    }

    record LabelSelector(@JsonProperty(required = true) Map<String, String> matchLabels) {
    }

    record NamespaceSelector(Boolean any, List<String> matchNames) {
    }

    /** Endpoint: port is the name of a Service's (or, in a PodMonitor, a container's) port; interval a duration. */
    record Endpoint(@JsonProperty(required = true) String port, String path, String interval, String scheme) {
        Endpoint {
            CloudNativePg.require(interval == null || interval.matches("([0-9]+(ms|s|m|h|d|w|y))+"),
                    "interval is a Prometheus duration");
            CloudNativePg.require(scheme == null || Set.of("http", "https").contains(scheme), "scheme is http or https");
        }
    }

    record PodMonitor(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) CloudNativePg.Metadata metadata,
            @JsonProperty(required = true) PodMonitorSpec spec) {
    }

    record PodMonitorSpec(@JsonProperty(required = true) LabelSelector selector, NamespaceSelector namespaceSelector,
            @JsonProperty(required = true) List<Endpoint> podMetricsEndpoints) {
        PodMonitorSpec {
            CloudNativePg.require(!podMetricsEndpoints.isEmpty(), "a PodMonitor has at least one endpoint");
        }
    }

    record PrometheusRule(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) CloudNativePg.Metadata metadata, @JsonProperty(required = true) RuleSpec spec) {
    }

    record RuleSpec(@JsonProperty(required = true) List<RuleGroup> groups) {
    }

    record RuleGroup(@JsonProperty(required = true) String name, String interval,
            @JsonProperty(required = true) List<Rule> rules) {
    }

    /** Rule: an alerting rule (alert) or a recording rule (record), never both. */
    record Rule(String alert, String record, @JsonProperty(required = true) String expr, @JsonProperty("for") String forDuration,
            Map<String, String> labels, Map<String, String> annotations) {
        Rule {
            CloudNativePg.require((alert == null) != (record == null), "a rule is an alert or a record");
        }
    }
}
