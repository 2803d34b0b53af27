package io.herald.core.support;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

/**
 * Checks a use case's input record against its Bean Validation constraints, so that a
 * caller that did not validate (the console, a job) meets the same limits as the API.
 */
@Component
public class InputRules {

	private final Validator validator;

	InputRules(Validator validator) {
		this.validator = validator;
	}

	/**
	 * @throws InvalidInputException with one problem per violated constraint
	 */
	public <T> T check(T input) {
		if (input == null) {
			throw InvalidInputException.of("body", "is required");
		}
		Set<ConstraintViolation<T>> violations = this.validator.validate(input);
		if (!violations.isEmpty()) {
			List<FieldProblem> problems = violations.stream()
				.map((violation) -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
				.sorted(Comparator.comparing(FieldProblem::field))
				.toList();
			throw new InvalidInputException(problems);
		}
		return input;
	}

}
