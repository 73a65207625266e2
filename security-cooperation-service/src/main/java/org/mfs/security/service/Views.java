package org.mfs.security.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.platform.json.Json;
import org.mfs.security.Programme;
import org.mfs.security.rest.CommonDtos.Source;
import org.mfs.security.rest.ProgrammeDtos.ProgrammeView;
import org.mfs.security.rest.ProgrammeDtos.TargetRegion;

/** Entity to wire model. */
@ApplicationScoped
public class Views {

    private final Json json;

    public Views(Json json) {
        this.json = json;
    }

    public List<TargetRegion> regions(Programme p) {
        return json.readList(p.targetRegions, TargetRegion.class);
    }

    public ProgrammeView programme(Programme p) {
        return new ProgrammeView(p.id, p.referenceCode, p.title, p.providerCountry, p.recipientCountry, p.agreementId,
                p.category, p.category.military(), p.objectives, p.startDate, p.endDate, p.status, p.statusReason,
                p.heldByEvent != null, p.classification, regions(p), json.readList(p.sources, Source.class), p.demo,
                p.createdAt, p.updatedAt, p.version);
    }
}
