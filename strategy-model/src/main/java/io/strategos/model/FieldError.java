package io.strategos.model;

/**
 * One thing wrong with a request, located by a JSON pointer into its body
 * (for example {@code /graph/nodes/2/type}).
 */
public record FieldError(String pointer, String message) {
}
