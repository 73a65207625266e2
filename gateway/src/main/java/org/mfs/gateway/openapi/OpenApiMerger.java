package org.mfs.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Merges the OpenAPI documents of the services into one document for the suite: paths, webhooks, components, tags
 * and security requirements. Identical same-named components are kept once. A component that differs from an
 * earlier service's one of the same name is kept under {@code <service>.<name>} (with the service's $refs rewritten),
 * so every service's part of the document stays correct; conflicts are logged and listed in
 * {@code x-merge-conflicts}. Services whose document could not be read are listed in {@code x-unavailable-services}.
 */
public final class OpenApiMerger {

    private static final Logger LOG = Logger.getLogger(OpenApiMerger.class);
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One service's document. */
    public record Source(String service, ObjectNode document) {
    }

    private final String title;
    private final String version;
    private final String serverUrl;

    public OpenApiMerger(String title, String version, String serverUrl) {
        this.title = title;
        this.version = version;
        this.serverUrl = serverUrl;
    }

    public ObjectNode merge(List<Source> sources, List<String> unavailableServices) {
        Merge merge = new Merge();
        for (Source source : sources) {
            merge.add(source.service(), source.document().deepCopy());
        }
        return merge.result(unavailableServices);
    }

    private final class Merge {
        final ObjectNode paths = JSON.objectNode();
        final ObjectNode webhooks = JSON.objectNode();
        final ObjectNode components = JSON.objectNode();
        final ArrayNode tags = JSON.arrayNode();
        final ArrayNode security = JSON.arrayNode();
        final ArrayNode conflicts = JSON.arrayNode();
        final Map<String, String> owners = new HashMap<>(); // "paths:/x", "schemas/Y", "tag:Z", "operationId:o" -> service
        final List<String> merged = new ArrayList<>();
        String openapi;
        JsonNode contact;
        JsonNode license;

        void add(String service, ObjectNode doc) {
            String docVersion = doc.path("openapi").asText("3.0.3");
            if (openapi == null) {
                openapi = docVersion;
            } else if (!majorMinor(docVersion).equals(majorMinor(openapi))) {
                conflict("openapi-version", docVersion, owners.get("openapi"), service,
                        "document merged as OpenAPI " + openapi);
            }
            owners.putIfAbsent("openapi", service);
            JsonNode info = doc.path("info");
            // the suite's contact and licence are the services' own (platform defaults, the same in every service)
            if (contact == null && info.path("contact").isObject()) {
                contact = info.get("contact");
            }
            if (license == null && info.path("license").isObject()) {
                license = info.get("license");
            }
            merged.add(service + " (" + info.path("title").asText(service) + " " + info.path("version").asText("") + ")");

            renameConflictingComponents(service, doc);
            each(doc.path("components"), (section, entries) -> each(entries, (name, value) -> {
                if (!section.startsWith("x-") && section(section).putIfAbsent(name, value) == null) {
                    owners.put(section + "/" + name, service);
                }
            }));
            addPathItems("path", paths, doc.path("paths"), service);
            addPathItems("webhook", webhooks, doc.path("webhooks"), service);
            for (JsonNode tag : doc.path("tags")) {
                String name = tag.path("name").asText();
                String owner = owners.putIfAbsent("tag:" + name, service);
                if (owner == null) {
                    tags.add(tag);
                } else if (!findTag(name).equals(tag)) {
                    conflict("tag", name, owner, service, "kept the tag as " + owner + " describes it");
                }
            }
            for (JsonNode requirement : doc.path("security")) {
                if (!contains(security, requirement)) {
                    security.add(requirement);
                }
            }
        }

        /**
         * A component differing from the already merged one of the same name is renamed {@code <service>.<name>}; so
         * is an identical-looking one that refers to a renamed component (its merged twin refers to the other one).
         */
        void renameConflictingComponents(String service, ObjectNode doc) {
            Map<String, String> renamedRefs = new LinkedHashMap<>();
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Iterator<Map.Entry<String, JsonNode>> sections = doc.path("components").fields(); sections.hasNext();) {
                    Map.Entry<String, JsonNode> section = sections.next();
                    for (Iterator<Map.Entry<String, JsonNode>> entries = section.getValue().fields(); entries.hasNext();) {
                        Map.Entry<String, JsonNode> entry = entries.next();
                        String ref = "#/components/" + section.getKey() + "/" + entry.getKey();
                        JsonNode existing = components.path(section.getKey()).get(entry.getKey());
                        if (existing == null || renamedRefs.containsKey(ref)) {
                            continue;
                        }
                        boolean differs = !existing.equals(entry.getValue());
                        if (differs || refersToAny(entry.getValue(), renamedRefs.keySet())) {
                            String newName = service + "." + entry.getKey();
                            renamedRefs.put(ref, "#/components/" + section.getKey() + "/" + newName);
                            conflict("component", section.getKey() + "/" + entry.getKey(),
                                    owners.get(section.getKey() + "/" + entry.getKey()), service,
                                    (differs ? "definitions differ" : "refers to a renamed component") + "; "
                                            + service + "'s copy is " + section.getKey() + "/" + newName);
                            changed = true;
                        }
                    }
                }
            }
            if (renamedRefs.isEmpty()) {
                return;
            }
            rewriteRefs(doc, renamedRefs);
            for (Map.Entry<String, String> rename : renamedRefs.entrySet()) {
                String[] from = rename.getKey().split("/");
                String[] to = rename.getValue().split("/");
                ObjectNode section = (ObjectNode) doc.path("components").path(from[2]);
                section.set(to[3], section.remove(from[3]));
            }
        }

        void addPathItems(String kind, ObjectNode target, JsonNode items, String service) {
            each(items, (path, item) -> {
                String owner = owners.putIfAbsent(kind + ":" + path, service);
                if (owner != null) {
                    if (!target.get(path).equals(item)) {
                        conflict(kind, path, owner, service, "kept " + owner + "'s definition");
                    }
                    return;
                }
                target.set(path, item);
                each(item, (method, operation) -> {
                    String operationId = operation.path("operationId").asText(null);
                    if (OPERATIONS.contains(method) && operationId != null) {
                        String first = owners.putIfAbsent("operationId:" + operationId, service);
                        if (first != null) {
                            conflict("operationId", operationId, first, service, "operationId is not unique in the suite");
                        }
                    }
                });
            });
        }

        /**
         * The statuses the gateway itself answers for any operation it routes (ADR 11, ADR 15), as problem+json,
         * unless the operation's service documents the status itself.
         */
        void documentGatewayAnswers() {
            if (!components.path("schemas").has("Problem")) {
                return;
            }
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("413", "The request body is larger than the gateway accepts");
            answers.put("414", "The request URI is longer than the gateway accepts");
            answers.put("429", "Too many requests from this client; retry after the seconds in Retry-After");
            answers.put("431", "The request headers are larger than the gateway accepts");
            answers.put("502", "The gateway could not reach the service; the request was not carried out");
            answers.put("503", "The service is unavailable (the gateway's circuit breaker is open or the service is down)");
            answers.put("504", "The service did not answer in time; the request may or may not have been carried out");
            paths.forEach(item -> item.fields().forEachRemaining(operation -> {
                if (OPERATIONS.contains(operation.getKey()) && operation.getValue().path("responses") instanceof ObjectNode responses) {
                    answers.forEach((status, description) -> {
                        if (!responses.has(status)) {
                            ObjectNode response = responses.putObject(status).put("description", description);
                            response.putObject("content").putObject("application/problem+json").putObject("schema")
                                    .put("$ref", "#/components/schemas/Problem");
                        }
                    });
                }
            }));
        }

        ObjectNode section(String name) {
            return components.get(name) instanceof ObjectNode section ? section : components.putObject(name);
        }

        JsonNode findTag(String name) {
            for (JsonNode tag : tags) {
                if (tag.path("name").asText().equals(name)) {
                    return tag;
                }
            }
            return JSON.missingNode();
        }

        void conflict(String kind, String name, String first, String second, String resolution) {
            LOG.warnf("OpenAPI merge conflict: %s %s defined by %s and %s: %s", kind, name, first, second, resolution);
            conflicts.addObject().put("kind", kind).put("name", name)
                    .put("resolution", resolution)
                    .set("services", JSON.arrayNode().add(first).add(second));
        }

        ObjectNode result(List<String> unavailableServices) {
            ObjectNode doc = JSON.objectNode();
            doc.put("openapi", openapi == null ? "3.1.0" : openapi);
            doc.putObject("info").put("title", title).put("version", version)
                    .put("description", "One API for the whole suite, served through the gateway. Merged from: "
                            + (merged.isEmpty() ? "no service (none reachable)" : String.join(", ", merged)) + ".");
            if (contact != null) {
                ((ObjectNode) doc.get("info")).set("contact", contact);
            }
            if (license != null) {
                ((ObjectNode) doc.get("info")).set("license", license);
            }
            doc.putArray("servers").addObject().put("url", serverUrl).put("description", "gateway");
            if (!security.isEmpty()) {
                doc.set("security", security);
            }
            doc.set("tags", tags);
            documentGatewayAnswers();
            doc.set("paths", paths);
            if (!webhooks.isEmpty()) {
                doc.set("webhooks", webhooks);
            }
            doc.set("components", components);
            if (!unavailableServices.isEmpty()) {
                ArrayNode unavailable = doc.putArray("x-unavailable-services");
                unavailableServices.forEach(unavailable::add);
            }
            if (!conflicts.isEmpty()) {
                doc.set("x-merge-conflicts", conflicts);
            }
            return doc;
        }
    }

    private static void each(JsonNode node, BiConsumer<String, JsonNode> action) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        entries.forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    private static boolean refersToAny(JsonNode node, Set<String> refs) {
        if (node.isTextual()) {
            return refs.contains(node.asText());
        }
        for (JsonNode child : node) {
            if (refersToAny(child, refs)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every string equal to a renamed reference ($ref values and discriminator mappings). */
    private static void rewriteRefs(JsonNode node, Map<String, String> renamedRefs) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            each(object, (name, value) -> {
                if (value.isTextual() && renamedRefs.containsKey(value.asText())) {
                    object.set(name, TextNode.valueOf(renamedRefs.get(value.asText())));
                } else {
                    rewriteRefs(value, renamedRefs);
                }
            });
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && renamedRefs.containsKey(value.asText())) {
                    array.set(i, TextNode.valueOf(renamedRefs.get(value.asText())));
                } else {
                    rewriteRefs(value, renamedRefs);
                }
            }
        }
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
