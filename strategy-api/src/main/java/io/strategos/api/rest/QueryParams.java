package io.strategos.api.rest;

import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.rest.StorableText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Strict parsing of query parameters: a value that does not parse is a 400 naming the parameter,
 * never a silent default. Problems name the parameter itself (no leading slash: it is not in the body).
 */
final class QueryParams {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private QueryParams() {
    }

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** @return a whole number of at least 1, or null when absent */
    static Integer positive(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be a whole number of at least 1");
    }

    /** @return the UUID, or null when absent */
    static java.util.UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be a UUID");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name, "must be true or false");
        };
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    /** Free text, stripped; null when absent. */
    static String text(String name, String value) {
        if (!StorableText.isStorable(value)) {
            throw invalid(name, StorableText.NUL_MESSAGE);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One of {@code allowed}, compared case-insensitively; null when absent. */
    static String oneOf(String name, String value, List<String> allowed) {
        String v = text(name, value);
        if (v == null) {
            return null;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw invalid(name, "must be one of " + String.join(", ", allowed));
        }
        return lower;
    }

    static <E extends Enum<E>> List<String> names(E[] values) {
        return Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }

    static InvalidInputException invalid(String name, String message) {
        return new InvalidInputException(List.of(new FieldError(name, message)));
    }
}
