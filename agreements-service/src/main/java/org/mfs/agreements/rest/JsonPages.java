package org.mfs.agreements.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A page of stored representations as the body of a search answer ({@code AgreementPage}'s shape), put together from
 * the UTF-8 bytes PostgreSQL sent: nothing is decoded to a {@code String} and encoded again, and the body is one
 * {@code byte[]}, which Quarkus REST writes to the connection in one piece.
 */
final class JsonPages {

    private JsonPages() {
    }

    static byte[] page(List<byte[]> items, int page, int size, long total) {
        int length = 64;
        for (byte[] item : items) {
            length += item.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        out.writeBytes(ascii("{\"items\":["));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.writeBytes(ascii("],\"page\":" + page + ",\"size\":" + size + ",\"total\":" + total + "}"));
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
