package org.mfs.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link BoundedCollections}: a list longer than its {@code @Size(max)} is refused while it is read. */
class BoundedCollectionsTest {

    record Item(String code) {
    }

    record Body(@Size(max = 3) List<String> codes, @Size(min = 1, max = 2) List<Item> items, List<String> free) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper();
        new StrictJsonCustomizer().customize(m);
        return m;
    }

    private static String list(int n, String element) {
        return "[" + String.join(",", Collections.nCopies(n, element)) + "]";
    }

    @Test
    void listsWithinTheirBoundAreReadAsSent() throws Exception {
        Body b = json.readValue("{\"codes\":" + list(3, "\"2605\"") + ",\"items\":" + list(2, "{\"code\":\"x\"}")
                + ",\"free\":" + list(10_000, "\"y\"") + "}", Body.class);
        assertEquals(3, b.codes().size());
        assertEquals(List.of(new Item("x"), new Item("x")), b.items());
        assertEquals(10_000, b.free().size(), "a list without @Size(max) is not bounded here");
    }

    @Test
    void aListPastItsBoundIsRefusedNamingTheFieldAndTheBound() {
        RefusedValue codes = assertThrows(RefusedValue.class,
                () -> json.readValue("{\"codes\":" + list(100_000, "\"not a code\"") + "}", Body.class));
        assertEquals("codes", codes.getPath().get(0).getFieldName());
        assertEquals("must have at most 3 elements; it has 100000", codes.reason());
        RefusedValue items = assertThrows(RefusedValue.class,
                () -> json.readValue("{\"items\":" + list(3, "{\"code\":\"x\"}") + "}", Body.class));
        assertEquals("items", items.getPath().get(0).getFieldName());
        assertEquals("must have at most 2 elements; it has 3", items.reason());
    }
}
