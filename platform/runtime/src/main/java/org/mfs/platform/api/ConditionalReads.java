package org.mfs.platform.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A read whose {@code If-None-Match} names the ETag of its answer gets {@code 304 Not Modified} without the body
 * (RFC 9110, section 13.1.2, weak comparison): a dashboard that polls a resource downloads and parses it again only
 * when its version changed. The resource is still read (its version is the ETag); the transfer is what is saved.
 * Every versioned resource of the suite ({@link Versions}) gets it, and {@link OpenApiDefaults} documents it on the
 * reads of those resources. A header that cannot be read matches nothing: the answer is the full 200.
 */
public class ConditionalReads {

    @ServerResponseFilter
    public void notModified(ContainerRequestContext request, ContainerResponseContext response) {
        // most reads carry no If-None-Match: that is decided first, before the response's headers are looked at
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch == null || response.getStatus() != 200
                || !(HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod()))) {
            return;
        }
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        if (etag != null && matches(ifNoneMatch, opaque(etag))) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        }
    }

    /** The entity tag's quoted value, without the weak marker (If-None-Match compares weakly). */
    static String opaque(Object etag) {
        String tag = etag instanceof EntityTag e ? "\"" + e.getValue() + "\"" : etag.toString().strip();
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** Whether a list of entity tags ({@code "1", W/"2"} or {@code *}) names {@code tag}. */
    static boolean matches(String ifNoneMatch, String tag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || (c.startsWith("W/") ? c.substring(2) : c).equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
