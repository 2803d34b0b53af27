package io.herald.core.error;

import java.util.List;

/**
 * Input that breaks a rule, with one problem per bad field.
 */
public final class InvalidInputException extends HeraldException {

	private final List<FieldProblem> problems;

	public InvalidInputException(List<FieldProblem> problems) {
		super("Your request is not valid: see errors");
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("an invalid input needs at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	public static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> problems() {
		return this.problems;
	}

}
