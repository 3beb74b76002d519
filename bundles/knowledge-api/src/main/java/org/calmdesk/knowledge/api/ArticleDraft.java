package org.calmdesk.knowledge.api;

import java.util.List;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/**
 * The writable fields of an article, for create and full update (PUT). Absent optional fields are
 * cleared on update. A draft may lack {@code rootCause} and {@code solution}; publishing needs both.
 */
public record ArticleDraft(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 4000) String problem,
        @Size(max = 4000) String rootCause,
        @Size(max = 8000) String solution,
        @Size(max = 20) List<@NotBlank @Size(max = 1000) String> scripts,
        @NotNull ArticleCategory category,
        @Size(max = 20) List<@NotBlank @Size(max = 50) @Pattern(regexp = "[^\\p{Cntrl}]*",
                message = "must not contain control characters") String> tags,
        @NotNull @Pattern(regexp = "zh|en", message = "must be zh or en") String language) {
}
