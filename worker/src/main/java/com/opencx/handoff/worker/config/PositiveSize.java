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
import org.springframework.util.unit.DataSize;

/**
 * A data size of at least one byte ({@code 16MB}, {@code 512KB}); Bean Validation has no constraint
 * for Spring's {@link DataSize}. Unset passes.
 */
@Documented
@Constraint(validatedBy = PositiveSize.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveSize {

  String message() default "must be a positive size such as 16MB";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check itself. */
  class Validator implements ConstraintValidator<PositiveSize, DataSize> {

    @Override
    public boolean isValid(DataSize value, ConstraintValidatorContext context) {
      return value == null || value.toBytes() > 0;
    }
  }
}
