package org.mfs.gateway.routing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem details written by the gateway itself (same shape and type URIs as the services'). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Buffer body(int status, String slug, String title, String detail, String instance) {
        return json(status, slug, title, detail, instance).toBuffer();
    }

    public static JsonObject json(int status, String slug, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", "urn:mfs:problem:" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail,
            String instance) {
        send(response, json(status, slug, title, detail, instance));
    }

    /** Sends a problem document, unless the response has already started (then the exchange is cut off instead). */
    public static void send(HttpServerResponse response, JsonObject problem) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(problem.getInteger("status"))
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(problem.toBuffer());
    }

    /** Bytes of an unwanted request body read and discarded before the connection is closed instead. */
    private static final long MAX_DISCARDED = 16L * 1024 * 1024;

    /**
     * Answers a request whose body was not (fully) read. The unread rest is read and discarded (closing at once
     * could reset the connection before the client reads the answer), up to 16 MiB; beyond that the connection
     * is closed so a huge upload does not keep streaming into nothing.
     */
    public static void sendBeforeBody(HttpServerRequest request, JsonObject problem) {
        if (!request.isEnded()) {
            long[] discarded = { 0 };
            request.exceptionHandler(ignored -> { });
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > MAX_DISCARDED) {
                    request.connection().close();
                }
            });
            request.resume();
        }
        send(request.response(), problem);
    }
}
