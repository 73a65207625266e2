package org.mfs.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * A JSON value of the right type that the suite refuses to store ({@link SafeValues}); its message says what the
 * value must be, and the problem mapper passes it on instead of a generic "wrong type".
 */
public final class RefusedValue extends InvalidFormatException {

    private static final long serialVersionUID = 1L;

    RefusedValue(JsonParser p, String mustBe, Object value, Class<?> targetType) {
        super(p, mustBe, value, targetType);
    }

    /** What the value must be, as a sentence's predicate ("must not contain …"). */
    public String reason() {
        return getOriginalMessage();
    }
}
