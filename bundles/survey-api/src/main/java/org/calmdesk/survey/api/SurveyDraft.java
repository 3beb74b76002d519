package org.calmdesk.survey.api;

import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotEmpty;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

/** A template to create or replace; {@code active} defaults to true. */
public record SurveyDraft(
        @NotBlank @Size(max = 200) String name,
        @NotNull SurveyTrigger trigger,
        Boolean active,
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Question> questions) {
}
