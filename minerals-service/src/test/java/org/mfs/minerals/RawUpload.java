package org.mfs.minerals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.mfs.platform.infra.TestTokens;

/**
 * An HTTP/1.1 upload over a plain socket, so a test controls exactly what is sent and when: it can declare a size
 * and send less, trickle a body, or keep sending while it reads an early answer, and count what it had sent by then.
 */
final class RawUpload implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Produces the body: called until it returns false or the server has answered. */
    interface BodyWriter {
        boolean write(OutputStream out) throws IOException, InterruptedException;
    }

    private final Socket socket;
    private final AtomicBoolean answered = new AtomicBoolean();
    final AtomicLong bytesSent = new AtomicLong();
    private Thread writer;

    RawUpload(URL base, String pathAndQuery, long contentLength, Map<String, String> extraHeaders) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(120_000);
        StringBuilder head = new StringBuilder("POST " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nContent-Type: text/csv\r\nContent-Length: " + contentLength + "\r\nAuthorization: Bearer "
                + TestTokens.admin() + "\r\n");
        extraHeaders.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends the body from another thread; stops when the server has answered or closed the connection. */
    RawUpload send(BodyWriter body) {
        writer = new Thread(() -> {
            OutputStream counted = new OutputStream() {
                final OutputStream out = socketOut();

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytesSent.incrementAndGet();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytesSent.addAndGet(len);
                }
            };
            try {
                while (!answered.get() && body.write(counted)) {
                    // keep going
                }
                counted.flush();
            } catch (IOException | InterruptedException e) {
                // the server answered early and closed, or stopped reading: what a refusal looks like
            }
        }, "raw-upload");
        writer.setDaemon(true);
        writer.start();
        return this;
    }

    private OutputStream socketOut() {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the server's answer (status, headers, body). */
    Answer answer() throws IOException {
        InputStream in = socket.getInputStream();
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        answered.set(true);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1) {
                throw new IOException("connection closed before the answer was complete: " + b);
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() throws IOException {
        answered.set(true);
        socket.close();
        if (writer != null) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
