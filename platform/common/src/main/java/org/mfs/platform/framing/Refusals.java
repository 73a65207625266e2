package org.mfs.platform.framing;

/**
 * What a 405 and a 406 say, the same from every service and from the gateway's own operation: the method and the
 * {@code Allow} list, or the {@code Accept} header sent (cut at 100 characters) and where the media types are listed.
 */
public final class Refusals {

    private Refusals() {
    }

    public static String methodNotAllowed(String path, String allow) {
        return "this method is not allowed on " + path + (allow == null ? "" : "; allowed: " + allow);
    }

    public static String notAcceptable(String accept) {
        String asked = accept == null ? ""
                : " ('" + (accept.length() > 100 ? accept.substring(0, 100) + "…" : accept) + "')";
        return "this operation has no answer of a media type the Accept header allows" + asked
                + "; its responses in the OpenAPI document list the media types it answers with";
    }
}
