package com.opencx.handoff.configuration;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Binds one {@code @ConfigurationProperties} record the way Spring Boot will (same binder, same
 * defaults, unknown keys refused as {@code ignoreUnknownFields = false} refuses them) and runs Bean
 * Validation on it, but collects instead of stopping: a value of the wrong type is noted and its
 * default bound in its place, so the other keys are still read and validated. One line per problem,
 * naming the key; a secret's value is never shown.
 */
public final class RecordProblems {

  /** Keys whose values are secrets: shown as (hidden). */
  private static final Pattern SECRET =
      Pattern.compile("(secret|token|tokens|api-key|keys)(\\[[^]]*])?$");

  private final Environment environment;
  private final Validator validator;

  public RecordProblems(Environment environment, Validator validator) {
    this.environment = environment;
    this.validator = validator;
  }

  /** Every problem with the keys under {@code type}'s prefix; empty when it binds and is valid. */
  public List<String> of(Class<?> type) {
    String prefix =
        AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class).prefix();
    Collector collector = new Collector(BindHandler.DEFAULT);
    Object bound = Binder.get(environment).bindOrCreate(prefix, Bindable.of(type), collector);
    List<String> problems = new ArrayList<>(collector.problems.values());
    Set<String> judged = new HashSet<>(collector.problems.keySet());
    List<String> violations = new ArrayList<>();
    if (bound != null) {
      for (ConstraintViolation<Object> violation : validator.validate(bound)) {
        String key = ruleAcrossKeys(violation) ? null : key(prefix, violation.getPropertyPath());
        judged.add(key);
        violations.add(
            key == null
                ? violation.getMessage() // its message names the keys
                : key + shown(key, configured(key)) + ": " + violation.getMessage());
      }
    }
    // A key the binder skipped but a rule judged (a list element from a second source) is
    // reported once, by its rule.
    unknown(type, prefix, collector.read).entrySet().stream()
        .filter(unknown -> !judged.contains(unknown.getKey()))
        .forEach(unknown -> problems.add(unknown.getValue()));
    problems.addAll(violations);
    return problems;
  }

  /**
   * The keys set under {@code prefix} that the binder did not read: a file's key must be what the
   * binder asked for exactly, an environment variable only the same letters (its '_' stands for
   * both '.' and '-', and may be left out).
   */
  private Map<String, String> unknown(Class<?> type, String prefix, Set<String> read) {
    ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
    Set<String> squashedRead =
        read.stream().map(RecordProblems::squash).collect(Collectors.toSet());
    Map<String, String> problems = new LinkedHashMap<>();
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (!(source instanceof IterableConfigurationPropertySource names)) {
        continue;
      }
      boolean variables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
      names.stream()
          .filter(root::isAncestorOf)
          .forEach(
              name -> {
                String key = name.toString();
                boolean known = variables ? squashedRead.contains(squash(key)) : read.contains(key);
                if (!known && !problems.containsKey(key)) {
                  problems.put(key, unknownLine(type, prefix, key, squashedRead, source, name));
                }
              });
    }
    return problems;
  }

  private static String unknownLine(
      Class<?> type,
      String prefix,
      String key,
      Set<String> squashedRead,
      ConfigurationPropertySource source,
      ConfigurationPropertyName name) {
    String hint =
        squashedRead.contains(squash(key))
            ? "write it in kebab case as README.md, Configuration does"
            : "the keys under "
                + prefix
                + " are "
                + String.join(", ", keys(type))
                + " (README.md, Configuration)";
    return key
        + ": is not a setting of "
        + prefix
        + ".* (misspelt?); "
        + hint
        + origin(source.getConfigurationProperty(name));
  }

  /** The record's keys, kebab case. */
  private static Set<String> keys(Class<?> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(component -> kebab(component.getName()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The letters and indices of a key: what an environment variable can match. */
  private static String squash(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace(".", "").replace("_", "");
  }

  /**
   * Every problem with {@code records}, in their order; none when all bind and are valid. A
   * validator of its own, since the check runs before any bean exists.
   */
  public static List<String> of(Environment environment, List<Class<?>> records) {
    List<String> problems = new ArrayList<>();
    try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
      RecordProblems check = new RecordProblems(environment, validation.getValidator());
      for (Class<?> type : records) {
        problems.addAll(check.of(type));
      }
    }
    return problems;
  }

  /** An {@code @AssertTrue} method or a constraint on the whole record. */
  private static boolean ruleAcrossKeys(ConstraintViolation<Object> violation) {
    if (violation.getConstraintDescriptor().getAnnotation() instanceof AssertTrue) {
      return true;
    }
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY) {
        return false;
      }
    }
    return true;
  }

  /** {@code relay.hotEvery} → {@code directline.relay.hot-every}, indices and map keys kept. */
  private static String key(String prefix, Path path) {
    StringBuilder key = new StringBuilder(prefix);
    for (Path.Node node : path) {
      if (node.isInIterable()) {
        key.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey());
        key.append(']');
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        key.append('.').append(kebab(node.getName()));
      }
    }
    return key.toString();
  }

  /** The value as configured (before conversion), or null when the key is not set. */
  private ConfigurationProperty configured(String key) {
    if (!ConfigurationPropertyName.isValid(key)) {
      return null;
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      ConfigurationProperty property = source.getConfigurationProperty(name);
      if (property != null) {
        return property;
      }
    }
    return null;
  }

  private static String shown(String key, ConfigurationProperty property) {
    if (property == null || property.getValue() == null) {
      return "";
    }
    return SECRET.matcher(key).find() ? " = (hidden)" : " = '" + property.getValue() + "'";
  }

  /**
   * Where a key was set. A property source's origin is named by the source alone: the lookup
   * matches relaxed names, so for a misspelt key it may find its correctly spelt twin, whose name
   * must not appear on the misspelt key's line. An environment variable is named (variables do not
   * share relaxed twins with the kebab-case keys), a file's origin is its resource and line.
   */
  private static String origin(ConfigurationProperty property) {
    if (property == null || property.getOrigin() == null) {
      return "";
    }
    Origin origin = property.getOrigin();
    String where =
        origin instanceof PropertySourceOrigin source
                && !(source.getPropertySource() instanceof SystemEnvironmentPropertySource)
            ? "property source \"" + source.getPropertySource().getName() + "\""
            : origin.toString();
    return " (set in " + where + ")";
  }

  /**
   * Records every key the binder read, and a value that does not convert, binding the record's
   * default for it instead so that the rest is still read.
   */
  private static final class Collector extends AbstractBindHandler {

    private final Map<String, String> problems = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();

    Collector(BindHandler parent) {
      super(parent);
    }

    @Override
    public Object onSuccess(
        ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
      read.add(name.toString());
      return super.onSuccess(name, target, context, result);
    }

    @Override
    public Object onFailure(
        ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error) {
      String key = name.toString();
      read.add(key);
      ConfigurationProperty property = context.getConfigurationProperty();
      problems.put(key, key + shown(key, property) + ": " + expected(target));
      return null; // the record's default for this key
    }

    private static String expected(Bindable<?> target) {
      Class<?> type = target.getType().resolve(Object.class);
      if (type == Duration.class) {
        return "must be a duration such as 500ms, 10s, 5m, 24h or 30d";
      }
      if (type == DataSize.class) {
        return "must be a size such as 512KB or 16MB";
      }
      if (type == int.class || type == Integer.class || type == long.class) {
        return "must be a whole number";
      }
      if (type == boolean.class || type == Boolean.class) {
        return "must be true or false";
      }
      return "cannot be read as " + type.getSimpleName();
    }
  }
}
