package org.mfs.gateway.routing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem details written by the gateway itself (same shape and type URIs as the services'). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Buffer body(int status, String slug, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", "urn:mfs:problem:" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .toBuffer();
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail,
            String instance) {
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(body(status, slug, title, detail, instance));
    }
}
