package org.calmdesk.customer.api;

import java.util.List;

import javax.validation.constraints.Email;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/**
 * The writable fields of a customer, for create, full update (PUT) and upsert. Absent optional
 * fields are cleared on update; {@code temperament} absent means UNKNOWN.
 */
public record CustomerDraft(
        @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        String externalRef,
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "[0-9+()\\-. /x]*", message = "must contain only digits, spaces and + ( ) - . / x")
        String phone,
        @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", message = "must be a language tag such as zh, en or zh-CN")
        String language,
        @Size(max = 50) String segment,
        Temperament temperament,
        @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 10_000) String notes) {

    public CustomerDraft withExternalRef(String ref) {
        return new CustomerDraft(ref, name, email, phone, language, segment, temperament, tags, notes);
    }
}
