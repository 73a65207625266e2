package org.mfs.platform.api;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What every operation of every service documents the same way, so no resource has to repeat it: a description
 * (the summary when the operation has none), the 503 problem every operation can answer while the database is
 * unreachable (ADR 0013), and examples of repeatable query parameters written as arrays.
 */
public class OpenApiDefaults implements OASFilter {

    private static final String PROBLEM = "#/components/schemas/Problem";

    /** Shared component schemas spelled the same in every service, so the gateway's merged document has one of each. */
    private static final Map<String, String> EXAMPLES = Map.of("LocalDate", "2022-03-10", "Instant", "2022-03-10T16:15:50Z");

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            EXAMPLES.forEach((name, example) -> {
                Schema s = api.getComponents().getSchemas().get(name);
                if (s != null && (s.getExamples() == null || s.getExamples().isEmpty())) {
                    s.setExamples(List.of(example));
                }
            });
        }
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Operation op : path.getValue().getOperations().values()) {
                complete(op);
            }
        }
    }

    private static void complete(Operation op) {
        if ((op.getDescription() == null || op.getDescription().isBlank()) && op.getSummary() != null) {
            op.setDescription(op.getSummary() + ".");
        }
        if (op.getResponses() != null && op.getResponses().getAPIResponse("503") == null) {
            APIResponse unavailable = OASFactory.createAPIResponse()
                    .description("The database is unreachable; retry after the number of seconds in Retry-After")
                    .content(OASFactory.createContent().addMediaType("application/problem+json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))))
                    .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            op.getResponses().addAPIResponse("503", unavailable);
        }
        if (op.getParameters() != null) {
            for (Parameter p : op.getParameters()) {
                Schema s = p.getSchema();
                boolean array = s != null && s.getType() != null && s.getType().contains(Schema.SchemaType.ARRAY);
                if (array && p.getExample() != null && !(p.getExample() instanceof List)) {
                    p.setExample(List.of(p.getExample()));
                }
            }
        }
    }
}
