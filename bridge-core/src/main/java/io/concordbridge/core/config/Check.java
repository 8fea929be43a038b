package io.concordbridge.core.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A validation rule of one config value: what is valid (shown in the reference) and, for a value
 * that breaks it, the reason. A reason never contains the value itself (the caller decides whether
 * the value may be shown; secrets never are). Immutable.
 *
 * @param valid     what is valid, as shown in the reference ({@code 1..65535}); empty for anything
 * @param violation the reason a value is not valid, or null when it is
 */
public record Check<T>(String valid, Function<T, String> violation) {

    public Check {
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(violation, "violation");
    }

    /** A rule: values passing {@code test} are valid, the others get {@code reason}. */
    public static <T> Check<T> of(String valid, String reason, Predicate<T> test) {
        return new Check<>(valid, v -> test.test(v) ? null : reason);
    }

    public static <T> Check<T> any() {
        return new Check<>("", v -> null);
    }

    /**
     * A rule that involves other keys, so {@link ConfigLoader} checks it; declared here only so that
     * the reference states it next to the key.
     */
    public static <T> Check<T> acrossKeys(String valid) {
        return new Check<>(valid, v -> null);
    }

    public static Check<Integer> range(int min, int max) {
        return of(min + ".." + max, "must be " + min + ".." + max, v -> v >= min && v <= max);
    }

    public static Check<Integer> positive() {
        return of(">= 1", "must be a positive integer", v -> v >= 1);
    }

    public static Check<String> notBlank() {
        return of("not blank", "must not be blank", v -> !v.isBlank());
    }

    /** The whole value matches {@code regex}; the reference shows the regex. */
    public static Check<String> matches(String regex, String reason) {
        Pattern p = Pattern.compile(regex);
        return of(regex, reason, v -> p.matcher(v).matches());
    }

    /** Why {@code value} is not valid, or empty when it is. */
    public Optional<String> problem(T value) {
        return Optional.ofNullable(violation.apply(value));
    }

    /** Both rules; the first one broken gives the reason. */
    public Check<T> and(Check<T> other) {
        String both = valid.isEmpty() ? other.valid : other.valid.isEmpty() ? valid : valid + "; " + other.valid;
        return new Check<>(both, v -> {
            String first = violation.apply(v);
            return first != null ? first : other.violation.apply(v);
        });
    }
}
