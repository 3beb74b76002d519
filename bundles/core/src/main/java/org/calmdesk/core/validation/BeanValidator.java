package org.calmdesk.core.validation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import javax.validation.ConstraintViolation;
import javax.validation.Validation;
import javax.validation.Validator;
import javax.validation.ValidatorFactory;

import org.calmdesk.core.error.FieldError;
import org.calmdesk.core.error.ValidationException;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Bean Validation (Hibernate Validator) for request bodies and imported rows. Constraint
 * violations become one {@link ValidationException} listing every bad field.
 */
@Component(service = BeanValidator.class)
public class BeanValidator {

    private final ValidatorFactory factory;
    private final Validator validator;

    public BeanValidator() {
        // The provider is named explicitly: OSGi class loaders hide META-INF/services lookups.
        factory = Validation.byProvider(HibernateValidator.class)
                .providerResolver(() -> List.of(new HibernateValidator()))
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    /** Throws a {@link ValidationException} naming each invalid field; does nothing for a valid bean. */
    public void validate(Object bean) {
        if (bean == null) {
            throw new ValidationException("body", "is required");
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(bean);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations.stream()
                    .map(v -> new FieldError(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                    .toList());
        }
    }

    /** {@code tags[2].<list element>} reads better to a client as {@code tags[2]}. */
    private static String fieldName(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    @Deactivate
    void close() {
        factory.close();
    }
}
