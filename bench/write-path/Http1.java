import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The benchmark's load generator: one persistent HTTP/1.1 connection (keep-alive, no pipelining) that posts creates
 * and reads each answer's status, {@code Location} and body (by {@code Content-Length} or chunked), as wrk's C loop
 * does. The JDK's {@code HttpClient} cost the benchmark about 1 ms of CPU per create (bench/results of 2026-11-30:
 * 1.07 ms, more than the broker), on the same two cores as the stack it measures; this costs a few tens of µs.
 * Not thread-safe: one per thread.
 */
final class Http1 implements AutoCloseable {

    record Answer(int status, String location) {
    }

    private final String host;
    private final int port;
    private final byte[] head;
    private final byte[] body;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A client that posts {@code body} to {@code url} with the given bearer token and a fresh Idempotency-Key each time. */
    Http1(String url, String token, String body) {
        URI u = URI.create(url);
        this.host = u.getHost();
        this.port = u.getPort();
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.head = ("POST " + u.getRawPath() + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token + "\r\nContent-Length: "
                + this.body.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Posts once; reconnects when the server closed the connection. IOException when there is no answer. */
    Answer post() throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        byte[] key = (UUID.randomUUID() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + key.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(key, 0, request, head.length, key.length);
        System.arraycopy(body, 0, request, head.length + key.length, body.length);
        try {
            out.write(request);
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = status.startsWith("HTTP/1.0");
        String location = null;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("location")) {
                location = value;
            } else if (name.equalsIgnoreCase("connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length > 0) {
            skip(length);
        }
        if (closes) {
            close();
        }
        return new Answer(code, location);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("connection closed by the server");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
