package io.herald.core.error;

/**
 * One invalid field of a request.
 *
 * @param field the field's name or path, e.g. {@code optOut.channels[0]}
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {

}
