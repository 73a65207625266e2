package org.mfs.agreements.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.mfs.agreements.AgreementStatus;
import org.mfs.agreements.AgreementType;
import org.mfs.agreements.service.AgreementSearch.Criteria;
import org.mfs.platform.api.Dates;
import org.mfs.platform.problem.ProblemException;
import org.mfs.platform.validation.CountryCode;

/** Search filters shared by the list and the CSV export. */
public class AgreementSearchParams {

    @QueryParam("party")
    @CountryCode
    @Parameter(description = "ISO 3166-1 alpha-2 country that is party to the agreement", example = "CD")
    public String party;

    @QueryParam("mineral")
    @Parameter(description = "Covered commodity code", example = "cobalt")
    public String mineral;

    @QueryParam("status")
    @Parameter(description = "Status; repeat for several", example = "IN_FORCE")
    public List<String> status;

    @QueryParam("type")
    @Parameter(description = "Agreement type", example = "STRATEGIC_PARTNERSHIP")
    public String type;

    @QueryParam("signedFrom")
    @Parameter(description = "Signed on or after (ISO date)", example = "2025-01-01")
    public String signedFrom;

    @QueryParam("signedTo")
    @Parameter(description = "Signed on or before (ISO date)", example = "2025-12-31")
    public String signedTo;

    @QueryParam("q")
    @Parameter(description = "Free text over title and summary (web-search syntax)", example = "Lobito corridor")
    public String q;

    @QueryParam("sort")
    @Parameter(description = "Comma-separated keys createdAt, title, referenceCode, signedOn, status; prefix - for descending",
            example = "-signedOn,title")
    public String sort;

    Criteria criteria() {
        List<AgreementStatus> statuses = new ArrayList<>();
        if (status != null) {
            for (String s : status) {
                statuses.add(parseEnum(AgreementStatus.class, "status", s));
            }
        }
        LocalDate from = date("signedFrom", signedFrom);
        LocalDate to = date("signedTo", signedTo);
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.invalid("signedTo", "must not be before signedFrom");
        }
        if (q != null && q.length() > 500) {
            throw ProblemException.invalid("q", "at most 500 characters");
        }
        return new Criteria(party, mineral == null || mineral.isBlank() ? null : mineral.strip(), statuses,
                type == null ? null : parseEnum(AgreementType.class, "type", type), from, to,
                q == null || q.isBlank() ? null : q.strip(), sort);
    }

    private static LocalDate date(String field, String value) {
        return Dates.date(field, value);
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
