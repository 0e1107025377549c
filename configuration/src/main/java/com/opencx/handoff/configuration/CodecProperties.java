package com.opencx.handoff.configuration;

import com.opencx.handoff.codec.PayloadKeys;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code handoff.codec.*}: the payload codec's keys (SPEC §8). The data converter reads them itself
 * ({@link PayloadCodecConfiguration}); this record holds their rules, {@link PayloadKeys#parse}'s,
 * one violation per problem (each names the key id, never the key), and the list of keys under the
 * prefix.
 */
@Validated
@CodecProperties.ValidKeys
@ConfigurationProperties(prefix = "handoff.codec", ignoreUnknownFields = false)
public record CodecProperties(String keys, String activeKey) {

  @Override
  public String toString() {
    return "CodecProperties[keys=****, activeKey=" + activeKey + "]";
  }

  /** The keys parse: {@link PayloadKeys#parse} finds no problem. */
  @Constraint(validatedBy = KeysValidator.class)
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  public @interface ValidKeys {
    String message() default "handoff.codec.keys are not valid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Reports each of the parser's problems as a violation of its own. */
  public static class KeysValidator implements ConstraintValidator<ValidKeys, CodecProperties> {

    @Override
    public boolean isValid(CodecProperties codec, ConstraintValidatorContext context) {
      try {
        PayloadKeys.parse(codec.keys(), codec.activeKey());
        return true;
      } catch (PayloadKeys.InvalidKeysException invalid) {
        context.disableDefaultConstraintViolation();
        for (String problem : invalid.problems()) {
          // A literal message: the parser's text is not a message template.
          context
              .buildConstraintViolationWithTemplate(
                  problem
                      .replace("\\", "\\\\")
                      .replace("{", "\\{")
                      .replace("}", "\\}")
                      .replace("$", "\\$"))
              .addConstraintViolation();
        }
        return false;
      }
    }
  }
}
