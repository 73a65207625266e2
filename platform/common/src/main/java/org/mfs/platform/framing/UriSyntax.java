package org.mfs.platform.framing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mfs.platform.framing.RequestFraming.Refusal;

/**
 * Refuses a request target that the gateway and the services would read differently (ADR 0026). Quarkus has already
 * answered an empty 400 to a target {@link java.net.URI} cannot parse ({@code %zz}, {@code |}, {@code [}, …); what
 * that lets through and is refused here:
 * <ul>
 * <li>percent-encoded bytes that are not UTF-8 (the services' query parser replaced them with U+FFFD and searched for
 * that), and a {@code %} not followed by two hexadecimal digits, for a stack that does not validate first;</li>
 * <li>a byte that must be percent-encoded: a control character, a space, or anything above 0x7E (RFC 3986, section
 * 2);</li>
 * <li>a {@code ;}. In the query the services' parser takes it as a separator between parameters while the WHATWG URL
 * standard, browsers and the suite's own checks take it as part of a value: {@code ?sort=title;size=500} set the
 * page size past every check of unknown parameters. In the path, JAX-RS drops what follows it as matrix parameters,
 * which no operation takes, while the gateway routes on the path as written.</li>
 * </ul>
 * A refusal names the query parameter at fault, or the path.
 */
final class UriSyntax {

    private UriSyntax() {
    }

    /** The refusal for {@code uri} (the request target as received), or empty when it is well formed. */
    static Optional<Refusal> check(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                int end = i;
                ByteBuffer bytes = ByteBuffer.allocate(uri.length() / 3 + 1);
                while (end < uri.length() && uri.charAt(end) == '%') {
                    if (end + 2 >= uri.length() || Character.digit(uri.charAt(end + 1), 16) < 0
                            || Character.digit(uri.charAt(end + 2), 16) < 0) {
                        return malformed(uri, end, "'" + excerpt(uri, end, 3) + "' at character " + (end + 1)
                                + " is not percent-encoding: a '%' is followed by two hexadecimal digits; send a '%'"
                                + " that belongs to a value as %25");
                    }
                    bytes.put((byte) Integer.parseInt(uri.substring(end + 1, end + 3), 16));
                    end += 3;
                }
                if (!utf8(bytes.flip())) {
                    return malformed(uri, i, "the bytes " + excerpt(uri, i, end - i) + " at character " + (i + 1)
                            + " are not UTF-8; percent-encode text as its UTF-8 bytes");
                }
                i = end - 1;
            } else if (c <= ' ' || c > '~') {
                return malformed(uri, i, String.format(Locale.ROOT, "the byte 0x%02X at character %d must be"
                        + " percent-encoded; send text as percent-encoded UTF-8", c & 0xFF, i + 1));
            } else if (c == ';') {
                int query = uri.indexOf('?');
                boolean inQuery = query >= 0 && i > query;
                String why = inQuery ? "separate parameters with '&'" : "no operation takes path (matrix) parameters";
                return Optional.of(refusal("semicolon-in-uri", "Semicolon in the request URI", uri, i,
                        "holds ';' at character " + (i + 1) + ": " + why + "; send a ';' that belongs to a value as %3B"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> malformed(String uri, int at, String what) {
        return Optional.of(refusal("malformed-uri", "Malformed request URI", uri, at, what));
    }

    /** A 400 whose detail begins with where the fault is: the query parameter whose pair holds {@code at}, or the path. */
    private static Refusal refusal(String type, String title, String uri, int at, String what) {
        String parameter = parameterAt(uri, at);
        String where = parameter == null ? "the path" : "query parameter " + parameter;
        String separator = what.startsWith("holds") ? " " : ": ";
        return new Refusal(400, type, title, where + separator + what, false,
                parameter == null ? List.of() : List.of(parameter));
    }

    /** The name (as sent, at most 40 characters) of the query parameter whose pair holds {@code at}, or null. */
    static String parameterAt(String uri, int at) {
        int query = uri.indexOf('?');
        if (query < 0 || at <= query) {
            return null;
        }
        int start = uri.lastIndexOf('&', at - 1);
        start = Math.max(start, query) + 1;
        int end = uri.indexOf('&', start);
        String pair = uri.substring(start, end < 0 ? uri.length() : end);
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        int semicolon = name.indexOf(';');
        if (semicolon >= 0 && start + semicolon <= at) {
            // the ';' is the fault: the parameter is the one it would end, as the reader that splits there sees it
            name = name.substring(0, semicolon);
        }
        name = name.chars().allMatch(ch -> ch > ' ' && ch <= '~') ? name : name.replaceAll("[^!-~]", "?");
        return name.isEmpty() ? "(unnamed)" : name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }

    private static boolean utf8(ByteBuffer bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String excerpt(String uri, int from, int length) {
        String part = uri.substring(from, Math.min(uri.length(), from + length));
        return part.length() > 24 ? part.substring(0, 24) + "…" : part;
    }
}
