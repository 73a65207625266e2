package org.mfs.platform.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mfs.platform.problem.ProblemException;

/** The {@code sort} parameter as every list endpoint of the suite reads it. */
class SortTermsTest {

    private static final Map<String, String> ALLOWED = Map.of("year", "s.year", "name", "lower(s.name)");

    @Test
    void keysBecomeTermsInOrderWithDirectionsAndNullsLast() {
        assertEquals("s.year desc nulls last, lower(s.name) asc nulls last", SqlQueries.sortTerms("-year, +name", ALLOWED));
        assertEquals("s.year asc nulls last", SqlQueries.sortTerms("year,-year", ALLOWED), "a key named twice counts once");
        assertEquals("", SqlQueries.sortTerms(" ", ALLOWED));
    }

    @Test
    void orderByFallsBackToTheDefaultAndEndsWithTheTieBreaker() {
        assertEquals(" order by s.year desc nulls last, s.id", SqlQueries.orderBy(null, ALLOWED, "-year", "s.id"));
        assertEquals(" order by lower(s.name) asc nulls last, s.id", SqlQueries.orderBy("name", ALLOWED, "-year", "s.id"));
    }

    @Test
    void anUnknownKeyIsABadRequestNamingTheParameterAndTheKeys() {
        ProblemException e = assertThrows(ProblemException.class, () -> SqlQueries.sortTerms("name,size; drop table", ALLOWED));
        assertEquals(400, e.status());
        assertEquals("sort", e.errors().get(0).field());
        assertTrue(e.getMessage().contains("[name, year]"), e.getMessage());
    }
}
