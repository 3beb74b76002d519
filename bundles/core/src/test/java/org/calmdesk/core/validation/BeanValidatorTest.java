package org.calmdesk.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import javax.validation.constraints.Email;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

import org.calmdesk.core.error.FieldError;
import org.calmdesk.core.error.ValidationException;
import org.junit.jupiter.api.Test;

class BeanValidatorTest {

    record Sample(@NotBlank String name, @Email String email, List<@Size(max = 3) String> tags) {
    }

    private final BeanValidator validator = new BeanValidator();

    @Test
    void validRecordPasses() {
        validator.validate(new Sample("王芳", "wang@example.cn", List.of("vip")));
    }

    @Test
    void everyInvalidFieldIsNamedOnce() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> validator.validate(new Sample(" ", "not-an-email", List.of("ok", "toolong"))));
        assertEquals(List.of("email", "name", "tags[1]"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void missingBodyIsAValidationError() {
        assertEquals("body", assertThrows(ValidationException.class, () -> validator.validate(null)).errors().get(0).field());
    }
}
