package org.mfs.platform.security;

/**
 * What a 401 says, at the gateway and in every service alike: the {@code WWW-Authenticate} challenge and the
 * problem's detail, chosen by what the request's {@code Authorization} header holds (RFC 6750, section 3).
 * <ul>
 * <li>no header: the challenge alone, no error code (the caller may not know the API needs a token);</li>
 * <li>another scheme ({@code Basic}, {@code Token} …): the challenge alone too, as for "an unsupported
 * authentication method", and a detail naming the scheme that was sent;</li>
 * <li>{@code Bearer} with nothing after it: {@code error="invalid_request"};</li>
 * <li>a bearer token that failed verification: {@code error="invalid_token"}.</li>
 * </ul>
 */
public final class Unauthenticated {

    /** The challenge header and the problem's detail of one 401. */
    public record Answer(String challenge, String detail) {
    }

    private static final String REALM = "Bearer realm=\"mfs\"";
    private static final String HOW = "send 'Authorization: Bearer <access token>' (docs/security.md shows how to get one)";

    private Unauthenticated() {
    }

    /** The answer for a request whose {@code Authorization} header is {@code authorization} (null when absent). */
    public static Answer of(String authorization) {
        String header = authorization == null ? "" : authorization.strip();
        if (header.isEmpty()) {
            return new Answer(REALM, "this operation needs a bearer token: " + HOW);
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) {
            return new Answer(REALM, "the Authorization header uses " + schemeName(scheme)
                    + ", which this API does not accept: " + HOW);
        }
        if (space < 0 || header.substring(space).isBlank()) {
            return new Answer(REALM + ", error=\"invalid_request\"", "the Authorization header holds no token after "
                    + "'Bearer': " + HOW);
        }
        return new Answer(REALM + ", error=\"invalid_token\"", "the bearer token was rejected: it is expired, not yet "
                + "valid, wrongly signed, or from another issuer or audience; get a new one");
    }

    /** The scheme as sent when it is a plain name (RFC 9110 token, short), else no echo of the caller's bytes. */
    private static String schemeName(String scheme) {
        return scheme.length() <= 32 && scheme.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
                ? "the '" + scheme + "' scheme" : "another scheme than Bearer";
    }
}
