package org.mfs.platform.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Page and size query parameters, the same on every list of the suite; the size has a hard maximum. */
public class PageParams {

    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Parameter(description = "Zero-based page index")
    public int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be between 1 and " + MAX_SIZE)
    @Max(value = MAX_SIZE, message = "must be between 1 and " + MAX_SIZE)
    @Parameter(description = "Page size, 1 to " + MAX_SIZE)
    public int size;

    public long offset() {
        return offset(page, size);
    }

    /**
     * The rows before page {@code page} of {@code size}: a long, since the last int page times the largest size is
     * past any int (it overflowed into a negative offset, and PostgreSQL refused it with a 500).
     */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
