package org.calmdesk.core.error;

import java.util.List;
import java.util.Map;

/** Input that breaks the contract (400), naming every offending field. */
public class ValidationException extends CalmdeskException {

    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String title() {
        return "Invalid request";
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("errors", errors);
    }
}
