package org.calmdesk.survey.api;

import java.util.List;

import javax.validation.constraints.Max;
import javax.validation.constraints.Min;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/**
 * One question. {@code options} only for CHOICE (2-20 distinct ones); {@code scale} only for
 * RATING (2-10, default 5); {@code required} defaults to true.
 */
public record Question(
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]*", message = "must start with a letter and hold only letters, digits, _ and -")
        String key,
        @NotNull QuestionType type,
        @NotBlank @Size(max = 500) String text,
        @Size(max = 20) List<@NotBlank @Size(max = 200) String> options,
        Boolean required,
        @Min(2) @Max(10) Integer scale) {

    public boolean isRequired() {
        return required == null || required;
    }

    /** The highest allowed value of a numeric question. */
    public int max() {
        return switch (type) {
            case CSAT -> 5;
            case NPS -> 10;
            case RATING -> scale == null ? 5 : scale;
            default -> 0;
        };
    }

    /** The lowest allowed value of a numeric question. */
    public int min() {
        return type == QuestionType.NPS ? 0 : 1;
    }
}
