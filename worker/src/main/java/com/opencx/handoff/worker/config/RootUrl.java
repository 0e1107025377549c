package com.opencx.handoff.worker.config;

import com.opencx.handoff.activities.settings.SettingRules;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service's root URL that receives a credential: https with no path, query, user info or trailing
 * slash; plain http only to a loopback host (a local emulator), so that a token or secret never
 * crosses a network in clear. The rule is {@link SettingRules#rootUrl}, the one the clients'
 * settings records apply when they are built; unset passes (pair it with {@code @NotBlank}).
 */
@Documented
@Constraint(validatedBy = RootUrl.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RootUrl {

  String message() default
      "must be an https root URL without a path, query or trailing slash, e.g."
          + " https://contoso.crm.dynamics.com (http only to a loopback emulator such as"
          + " http://127.0.0.1:8091)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check itself. */
  class Validator implements ConstraintValidator<RootUrl, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank()) {
        return true;
      }
      try {
        SettingRules.rootUrl(value, "url", "a root URL", "https://example.com");
        return true;
      } catch (IllegalArgumentException refused) {
        return false;
      }
    }
  }
}
