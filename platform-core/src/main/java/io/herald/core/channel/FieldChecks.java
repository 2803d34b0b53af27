package io.herald.core.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;

/**
 * Collects the problems of one settings record. Every text is measured before any pattern
 * sees it, so that a pattern only ever runs on short input.
 */
final class FieldChecks {

	static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

	private final List<FieldProblem> problems = new ArrayList<>();

	/** Required text of at most {@code max} characters; true when it may be parsed on. */
	boolean required(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			this.problems.add(new FieldProblem(field, "is required"));
			return false;
		}
		return optional(field, value, max);
	}

	/** Optional text of at most {@code max} characters; true when present and short. */
	boolean optional(String field, String value, int max) {
		if (value == null) {
			return false;
		}
		if (value.length() > max) {
			this.problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
			return false;
		}
		return true;
	}

	void problem(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

	void throwIfAny() {
		if (!this.problems.isEmpty()) {
			throw new InvalidInputException(this.problems);
		}
	}

}
