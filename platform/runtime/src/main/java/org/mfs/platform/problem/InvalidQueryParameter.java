package org.mfs.platform.problem;

import jakarta.ws.rs.BadRequestException;

/**
 * A query parameter whose value a converter of the platform refused; answered as a 400 {@code validation-failed}
 * naming the parameter ({@link ProblemException#invalid}), like every other bad field. A
 * {@link BadRequestException}, so that JAX-RS passes it on from a {@code ParamConverter} as it is (anything else
 * thrown there becomes a 404).
 */
public class InvalidQueryParameter extends BadRequestException {

    private final transient ProblemException problem;

    public InvalidQueryParameter(String parameter, String value, String expected) {
        this(ProblemException.invalid(parameter, UnreadableParameters.quote(value) + " is not " + expected));
    }

    private InvalidQueryParameter(ProblemException problem) {
        super(problem.getMessage());
        this.problem = problem;
    }

    ProblemException problem() {
        return problem;
    }
}
