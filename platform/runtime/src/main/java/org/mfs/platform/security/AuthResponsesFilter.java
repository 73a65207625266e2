package org.mfs.platform.security;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.mfs.platform.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The 401 and 403 responses SmallRye OpenAPI adds to every {@code @RolesAllowed} operation, documented as what they
 * are: {@code application/problem+json} ({@link AuthProblems}), with a description a client can act on.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class AuthResponsesFilter implements OASFilter {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "401", "No bearer token, or one that fails verification (WWW-Authenticate: Bearer)",
            "403", "The caller's roles or partner country do not allow this operation");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getResponses() == null) {
                    continue;
                }
                DESCRIPTIONS.forEach((code, description) -> {
                    APIResponse r = op.getResponses().getAPIResponse(code);
                    if (r != null && (r.getContent() == null || r.getContent().getMediaTypes().isEmpty())) {
                        r.setDescription(description);
                        r.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
                    }
                });
            }
        }
    }
}
