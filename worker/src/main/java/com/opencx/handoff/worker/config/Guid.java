package com.opencx.handoff.worker.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A Dataverse GUID as an operator copies it from the maker portal ({@code
 * 6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b}, any case, surrounding blanks ignored); unset passes, so
 * that {@code @NotBlank} or a cross-field rule decides whether the key is required. Used for every
 * workstream and application id among the worker's keys.
 */
@Documented
@Constraint(validatedBy = Guid.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Guid {

  String message() default
      "must be a GUID such as 6a9f3c2e-1b4d-4e8f-9a7b-0c1d2e3f4a5b (no braces)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check itself. */
  class Validator implements ConstraintValidator<Guid, String> {

    private static final Pattern GUID =
        Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || GUID.matcher(value.strip()).matches();
    }
  }
}
