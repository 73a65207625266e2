package org.mfs.platform.problem;

import java.util.List;

/** A failure the client can act on; rendered as application/problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Resource not found", what + " " + id + " does not exist", null);
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict with the current state", detail, null);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation-failed", "Request is invalid", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(422, "unprocessable", "Request cannot be processed", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
