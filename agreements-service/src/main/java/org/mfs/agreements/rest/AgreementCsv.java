package org.mfs.agreements.rest;

import java.util.List;

import org.mfs.agreements.Agreement;

/** The CSV export of agreements: RFC 4180 cells, with a guard against spreadsheet formula injection. */
final class AgreementCsv {

    private AgreementCsv() {
    }

    /** A header row, then one row per agreement. */
    static String of(List<Agreement> agreements) {
        StringBuilder csv = new StringBuilder(
                "id,referenceCode,title,type,status,parties,coveredMinerals,signedOn,inForceOn,visibility\r\n");
        for (Agreement a : agreements) {
            csv.append(a.id).append(',').append(cell(a.referenceCode)).append(',').append(cell(a.title))
                    .append(',').append(a.type).append(',').append(a.status).append(',')
                    .append(cell(String.join(" ", a.parties.stream().map(p -> p.country + ":" + p.role).toList())))
                    .append(',').append(cell(String.join(" ", a.coveredMinerals))).append(',')
                    .append(a.signedOn == null ? "" : a.signedOn).append(',')
                    .append(a.inForceOn == null ? "" : a.inForceOn).append(',').append(a.visibility).append("\r\n");
        }
        return csv.toString();
    }

    /** One cell: quoted when it holds a separator, prefixed with ' when a spreadsheet would read it as a formula. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
