package io.herald.api.web;

/**
 * One invalid field of a request, as listed in a problem's {@code errors}.
 *
 * @param field the field's name or JSON path, e.g. {@code optOut.channels[0]}
 * @param message what is wrong with it
 */
public record FieldProblem(String field, String message) {

}
