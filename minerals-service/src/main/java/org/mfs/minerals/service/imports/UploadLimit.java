package org.mfs.minerals.service.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.mfs.platform.problem.ProblemException;

/**
 * The upload as the importer reads it: at most {@code maxBytes} (413 past that) and until a deadline (408 past it),
 * so neither a huge nor a trickling upload holds an import slot, its database lock and connection for long.
 */
public final class UploadLimit extends FilterInputStream {

    private final long maxBytes;
    private final long deadline;
    private final Duration maxDuration;
    private long count;

    public UploadLimit(InputStream in, long maxBytes, Duration maxDuration) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxDuration = maxDuration;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
    }

    public static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(413, "upload-too-large", "Upload too large",
                "an import file may have at most " + maxBytes + " bytes (" + (maxBytes >> 20)
                        + " MiB); split it. Nothing was stored.", null);
    }

    public static ProblemException tooSlow(Duration maxDuration) {
        return new ProblemException(408, "import-timeout", "Import took too long",
                "an import must be uploaded and stored within " + maxDuration.toSeconds()
                        + " s; split the file or upload it faster. Nothing was stored.", null);
    }

    private void check(long n) {
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        if (System.nanoTime() - deadline > 0) {
            throw tooSlow(maxDuration);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        check(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        check(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        check(skipped);
        return skipped;
    }
}
