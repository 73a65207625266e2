package org.mfs.platform.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The name and raw value of each parameter of a request's query string, as sent (before any routing). */
public record RawQuery(String name, String rawValue) {

    /**
     * The parameters of {@code query} (without its {@code ?}), in order; a name is percent-decoded (left as sent when
     * it is not valid percent-encoding), a value is not. Empty names ({@code ?&a=1}, {@code ?=x}) are left out.
     */
    public static List<RawQuery> parse(String query) {
        List<RawQuery> params = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String raw = eq < 0 ? pair : pair.substring(0, eq);
            if (raw.isEmpty()) {
                continue;
            }
            String name;
            try {
                name = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                name = raw;
            }
            params.add(new RawQuery(name, eq < 0 ? "" : pair.substring(eq + 1)));
        }
        return params;
    }
}
