package org.mfs.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.junit.jupiter.api.Test;

class UnreadableParametersTest {

    static class Paging {
        @QueryParam("page")
        public int page;
        @QueryParam("size")
        public int size;
    }

    /** Shaped like the suite's resources: a path id, paging as a bean, typed and untyped query parameters. */
    static class Resource {
        public Object list(@PathParam("id") UUID id, @BeanParam Paging paging, @QueryParam("year") Integer year,
                @QueryParam("from") LocalDate from, @QueryParam("agreementId") List<UUID> agreements,
                @QueryParam("q") String q) {
            return null;
        }
    }

    static final Method LIST = Arrays.stream(Resource.class.getMethods()).filter(m -> m.getName().equals("list"))
            .findFirst().orElseThrow();

    static final Map<String, List<String>> GOOD_PATH = Map.of("id", List.of("123e4567-e89b-12d3-a456-426614174000"));

    static UnreadableParameters.Finding find(Map<String, List<String>> query) {
        return UnreadableParameters.find(LIST, GOOD_PATH, query);
    }

    @Test
    void aQueryParameterThatIsNotItsTypeIsNamedWithTheValueAndWhatWasExpected() {
        var f = find(Map.of("year", List.of("abc")));
        assertEquals("year", f.parameter());
        assertEquals("'abc' is not a whole number from -2147483648 to 2147483647", f.message());
        assertEquals(false, f.inPath());
    }

    @Test
    void aNumberPastTheTypesRangeIsNamedToo() {
        assertEquals("year", find(Map.of("year", List.of("99999999999"))).parameter());
    }

    @Test
    void beanParametersListsAndDatesAreRead() {
        assertEquals("page", find(Map.of("page", List.of("two"))).parameter());
        var date = find(Map.of("from", List.of("2025-13-45")));
        assertEquals("from", date.parameter());
        assertEquals("'2025-13-45' is not a date (YYYY-MM-DD)", date.message());
        var ids = find(Map.of("agreementId", List.of("123e4567-e89b-12d3-a456-426614174000", "zzz")));
        assertEquals("agreementId", ids.parameter());
        assertTrue(ids.message().startsWith("'zzz' is not a UUID"), ids.message());
    }

    @Test
    void theValidParameterIsNotBlamedForTheInvalidOne() {
        var f = find(Map.of("year", List.of("2024"), "size", List.of("x"), "q", List.of("anything")));
        assertEquals("size", f.parameter());
    }

    @Test
    void aLongValueIsQuotedShortened() {
        var f = find(Map.of("year", List.of("9".repeat(3000))));
        assertTrue(f.message().length() < 120, f.message());
        assertTrue(f.message().startsWith("'" + "9".repeat(UnreadableParameters.QUOTED_CHARS) + "…'"), f.message());
    }

    @Test
    void aPathParameterThatIsNotItsTypeIsReportedAsInThePath() {
        var f = UnreadableParameters.find(LIST, Map.of("id", List.of("not-a-uuid")), Map.of("year", List.of("2024")));
        assertEquals("id", f.parameter());
        assertTrue(f.inPath());
    }

    @Test
    void valuesEveryTypeAcceptsAndStringsAreNeverBlamed() {
        assertNull(find(Map.of("year", List.of("2024"), "page", List.of("0"), "q", List.of("'\"<>"),
                "from", List.of("2025-12-31"), "agreementId", List.of("123e4567-e89b-12d3-a456-426614174000"))));
        assertNull(find(Map.of("year", List.of(""))), "an empty value is left to JAX-RS (it reads it as absent)");
    }
}
