package org.mfs.platform.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter whose value a converter of the platform refused; answered as a 400 {@code validation-failed}
 * naming the parameter, like every other bad field. A {@link BadRequestException}, so that JAX-RS passes it on from
 * a {@code ParamConverter} as it is (anything else thrown there becomes a 404).
 */
public class InvalidQueryParameter extends BadRequestException {

    private final String parameter;
    private final String reason;

    public InvalidQueryParameter(String parameter, String value, String expected) {
        super(parameter + ": " + UnreadableParameters.quote(value) + " is not " + expected);
        this.parameter = parameter;
        this.reason = UnreadableParameters.quote(value) + " is not " + expected;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
