package org.mfs.platform.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written byte for byte, for what the HTTP clients of the tests refuse to send (a {@code Transfer-Encoding}
 * of the caller's choosing, several requests in one write): the reply is read until the server closes the
 * connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Writes {@code request} as it is to the server of {@code base} and returns all it answers (ISO-8859-1).
     *
     * @throws AssertionError when the server keeps the connection open for 10 s after its last byte
     */
    public static String exchange(URI base, String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1;) {
                    reply.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException open) {
                throw new AssertionError("the server kept the connection open after answering: "
                        + reply.toString(StandardCharsets.ISO_8859_1));
            } catch (IOException reset) {
                // a reset ends the reply like a close; what arrived before it is the reply
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The first answer of a raw reply with a {@code Content-Length} body: status, headers, body read as UTF-8. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public static Reply of(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.") || end < 0) {
                throw new AssertionError("not an HTTP/1.1 answer: " + raw);
            }
            String[] lines = raw.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] bytes = raw.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(bytes, 0, Math.min(length, bytes.length), StandardCharsets.UTF_8));
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** The status lines of the answers in a raw reply, in order. */
    public static List<String> statusLines(String reply) {
        return Arrays.stream(reply.split("\r\n")).filter(line -> line.startsWith("HTTP/1.")).toList();
    }

    /** The body of the first answer in a raw reply (what follows its blank line). */
    public static String body(String reply) {
        int start = reply.indexOf("\r\n\r\n");
        return start < 0 ? "" : reply.substring(start + 4);
    }
}
