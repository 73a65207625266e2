package org.mfs.gateway.overview;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The overview embeds lists of the services' own objects unchanged (held as JSON trees); this filter documents each
 * such list as an array of the owning service's schema, which the merged document of the suite holds.
 */
public class OverviewOpenApiFilter implements OASFilter {

    private static final Map<String, Map<String, String>> ITEMS = Map.of(
            "OverviewMineralSupply", Map.of("topProducers", "MineralCountryShare", "partyShares", "MineralCountryShare"),
            "OverviewSecurity", Map.of("programmes", "SecurityProgramme", "totalsByCategory", "SecurityTotalsRow"),
            "OverviewObligations", Map.of("open", "AgreementObligation", "overdue", "AgreementObligation"));

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        ITEMS.forEach((schemaName, properties) -> {
            Schema schema = api.getComponents().getSchemas().get(schemaName);
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            properties.forEach((property, itemSchema) -> {
                Schema current = schema.getProperties().get(property);
                schema.addProperty(property, OASFactory.createSchema()
                        .addType(Schema.SchemaType.ARRAY)
                        .description(current == null ? null : current.getDescription())
                        .items(OASFactory.createSchema().ref(itemSchema)));
            });
        });
        // the JSON-tree type those properties had before is used by nothing else
        api.getComponents().removeSchema("JsonNode");
        api.getComponents().removeSchema("JsonNodeType");
    }
}
