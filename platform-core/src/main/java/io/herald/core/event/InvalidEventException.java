package io.herald.core.event;

import java.util.List;

/**
 * An event that is not a valid CloudEvent for Herald; carries one message per bad field.
 */
public class InvalidEventException extends RuntimeException {

	private final List<FieldProblem> problems;

	public InvalidEventException(List<FieldProblem> problems) {
		super("Invalid CloudEvent: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

	public record FieldProblem(String field, String message) {

		@Override
		public String toString() {
			return this.field + " " + this.message;
		}

	}

}
