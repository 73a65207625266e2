package org.mfs.platform.api;

import jakarta.ws.rs.core.EntityTag;

import org.mfs.platform.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP, the same on every resource of the suite: a read carries the
 * entity's version as a strong {@code ETag}; an update must send it back in {@code If-Match}
 * (428 when missing, 412 when it is no longer the current version).
 */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Checks {@code If-Match} against the current version; throws the 428 or 412 problem. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "send the ETag of the version you are changing in the If-Match header", null);
        }
        String expected = "\"" + currentVersion + "\"";
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(expected)) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "Precondition failed",
                "If-Match " + ifMatch.strip() + " is not the current version " + expected
                        + "; read the resource again and retry with its ETag", null);
    }
}
