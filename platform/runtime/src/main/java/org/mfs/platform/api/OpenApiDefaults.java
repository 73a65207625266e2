package org.mfs.platform.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * What every operation of every service documents the same way, so no resource has to repeat it: a description
 * (the summary when the operation has none), the 503 problem every operation can answer while the database is
 * unreachable (ADR 0013), the problems the platform answers for any operation before or around the resource
 * (ADR 0015: 400, 414 and 431 from {@code RequestLimits} and the parameter converters; 413 and 415 for a request
 * body; 409 for a write that lost a race on a unique value; 412 for a stale write), {@code Idempotency-Key} as the
 * 1-200 characters {@code Idempotency} accepts, the ETag and conditional read of a versioned resource
 * ({@link ConditionalReads}), the roles an operation needs as text (the {@code bearer} scheme is
 * not OAuth 2.0, so its requirement lists no scopes), and examples of repeatable query parameters written as arrays.
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
            path.getValue().getOperations().forEach((method, op) -> complete(method.name(), op));
            conditionalRead(path.getValue());
        }
    }

    /**
     * The read of a versioned resource (one whose PUT or PATCH takes If-Match) answers with its ETag, and with 304
     * when If-None-Match names it ({@link ConditionalReads}).
     */
    private static void conditionalRead(PathItem item) {
        Operation read = item.getGET();
        boolean versioned = java.util.stream.Stream.of(item.getPUT(), item.getPATCH())
                .anyMatch(write -> write != null && write.getParameters() != null && write.getParameters().stream()
                        .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName())));
        if (read == null || !versioned || read.getResponses() == null || read.getResponses().getAPIResponse("200") == null) {
            return;
        }
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        read.addParameter(OASFactory.createParameter().name("If-None-Match").in(Parameter.In.HEADER).required(false)
                .description("ETags of representations the caller holds (\"3\", or *): 304 without a body when one is "
                        + "the current version").schema(text).example("\"3\""));
        read.getResponses().getAPIResponse("200").addHeader("ETag", OASFactory.createHeader()
                .description("The version of the resource, for If-Match on a change and If-None-Match on a read")
                .schema(text));
        if (read.getResponses().getAPIResponse("304") == null) {
            read.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified: If-None-Match names the current version; the caller's copy is current")
                    .addHeader("ETag", OASFactory.createHeader().description("The current version").schema(text)));
        }
    }

    private static void complete(String method, Operation op) {
        if ((op.getDescription() == null || op.getDescription().isBlank()) && op.getSummary() != null) {
            op.setDescription(op.getSummary() + ".");
        }
        rolesAsText(op);
        if (op.getResponses() != null) {
            platformProblems(method, op);
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
                if (p.getIn() == Parameter.In.HEADER && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()) && s != null
                        && s.getRef() == null) {
                    s.minLength(1).maxLength(200);
                }
                boolean array = s != null && s.getType() != null && s.getType().contains(Schema.SchemaType.ARRAY);
                if (array && p.getExample() != null && !(p.getExample() instanceof List)) {
                    p.setExample(List.of(p.getExample()));
                }
            }
        }
    }

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * The statuses the platform answers whatever the resource does; an operation keeps its own description of a
     * status it documents itself.
     */
    private static void platformProblems(String method, Operation op) {
        APIResponses responses = op.getResponses();
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        boolean body = op.getRequestBody() != null;
        boolean ifMatch = op.getParameters() != null && op.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));
        boolean idempotent = op.getParameters() != null && op.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName()));
        problem(responses, "400", "Bad request: a parameter, header or body that cannot be read or breaks its schema "
                + "(the problem names the offending fields), a query parameter the operation does not declare or a "
                + "single-valued one given twice, a URI holding a NUL character, a ';' or bytes that are not "
                + "percent-encoded UTF-8, or a header that takes one value given twice"
                + (idempotent ? "; a blank Idempotency-Key or one longer than 200 characters" : ""));
        if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            // JAX-RS answers 404 when a path parameter cannot be read as its type: the path names no resource
            problem(responses, "404", "Not found: the path names no resource (or a path parameter cannot be read as its type)");
        }
        if (write) {
            problem(responses, "409", ifMatch
                    ? "Conflict with the current state: a concurrent request took the same unique value first"
                    : "Conflict with the current state: a concurrent request took the same unique value first, or "
                            + "changed the same resource at the same time (concurrent-update); read it again and retry");
        }
        if (ifMatch) {
            problem(responses, "412", "Precondition failed: the If-Match version is no longer current (the resource "
                    + "was changed since it was read, or by a request that ran at the same time); read it again and retry");
        }
        if (body) {
            problem(responses, "413", "The request body is larger than the service accepts");
            problem(responses, "415", "The request body is not of a media type this operation accepts");
        }
        problem(responses, "406", "Not acceptable: the Accept header allows none of the media types this operation "
                + "answers with");
        problem(responses, "414", "The request URI is longer than the service accepts");
        problem(responses, "431", "The request headers are larger than the service accepts");
    }

    private static void problem(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType("application/problem+json",
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)))));
        }
    }

    /**
     * OpenAPI lists scopes only for OAuth 2.0 and OpenID Connect schemes; the roles of the static {@code bearer}
     * scheme move into the description, where Swagger UI shows them.
     */
    private static void rolesAsText(Operation op) {
        if (op.getSecurity() == null) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        List<SecurityRequirement> requirements = new ArrayList<>();
        for (SecurityRequirement requirement : op.getSecurity()) {
            SecurityRequirement plain = OASFactory.createSecurityRequirement();
            if (requirement.getSchemes() != null) {
                requirement.getSchemes().forEach((scheme, scopes) -> {
                    if (scopes != null) {
                        roles.addAll(scopes);
                    }
                    plain.addScheme(scheme, List.of());
                });
            }
            requirements.add(plain);
        }
        op.setSecurity(requirements);
        if (!roles.isEmpty()) {
            String text = "Requires the role " + String.join(" or ", roles)
                    + " (admin holds every role; editor, committee and monitor include viewer).";
            op.setDescription(op.getDescription() == null || op.getDescription().isBlank() ? text
                    : op.getDescription().strip() + "\n\n" + text);
        }
    }
}
