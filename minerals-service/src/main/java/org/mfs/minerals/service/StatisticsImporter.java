package org.mfs.minerals.service;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.config.MineralsConfig;
import org.mfs.minerals.rest.ImportDtos.ImportFormat;
import org.mfs.minerals.rest.ImportDtos.ImportReport;
import org.mfs.minerals.service.imports.ImportOptions;
import org.mfs.minerals.service.imports.ImportRefused;
import org.mfs.minerals.service.imports.ImportTransaction;
import org.mfs.minerals.service.imports.UploadLimit;

/**
 * Imports statistics files, all or nothing, without letting imports wedge or starve the service: at most
 * {@code max-concurrent} imports run at once (others get 429 at once, holding no connection), each upload is
 * bounded in size (413) and time (408), and the slot is given back whatever ends the import, an {@link Error}
 * included. The parsing is done by one {@code LayoutParser} per file layout, the storing by {@link ImportTransaction}.
 * See docs/adr/0102-bounded-statistics-imports.md.
 */
@ApplicationScoped
public class StatisticsImporter {

    private final ImportTransaction transaction;
    private final MineralsConfig config;
    private final Semaphore slots;

    public StatisticsImporter(ImportTransaction transaction, MineralsConfig config) {
        this.transaction = transaction;
        this.config = config;
        this.slots = new Semaphore(Math.max(1, config.importing().maxConcurrent()));
    }

    /** Imports one file of the given format (null: detected from the header). */
    public ImportReport importFile(InputStream body, ImportFormat format) {
        return importFile(body, ImportOptions.of(format), -1);
    }

    /**
     * Imports one file.
     *
     * @param contentLength the declared size of the upload, or -1 when unknown (a larger one is refused unread)
     */
    public ImportReport importFile(InputStream body, ImportOptions options, long contentLength) {
        MineralsConfig.Import limits = config.importing();
        long maxBytes = limits.maxBytes().asLongValue();
        if (contentLength > maxBytes) {
            throw UploadLimit.tooLarge(maxBytes);
        }
        if (!slots.tryAcquire()) {
            throw new ImportRefused("at most " + limits.maxConcurrent() + " import(s) run at once and that many are "
                    + "running; retry later. Nothing was stored.", limits.retryAfter());
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            InputStream limited = new DigestInputStream(new UploadLimit(body, maxBytes, limits.maxDuration()), sha);
            return transaction.run(limited, sha, options);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            slots.release();
        }
    }
}
