package io.herald.api.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.herald.core.error.FieldProblem;

/**
 * A failure a feature reports to the caller; {@link ProblemHandler} turns it into an
 * {@code application/problem+json} response. The detail and properties must be safe to
 * show to the tenant.
 */
public class ProblemException extends RuntimeException {

	private final ProblemType type;

	private final Map<String, Object> properties;

	private Duration retryAfter;

	public ProblemException(ProblemType type, String detail) {
		this(type, detail, Map.of());
	}

	public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
		super(detail);
		this.type = type;
		this.properties = new LinkedHashMap<>(properties);
	}

	public static ProblemException notFound(String what) {
		return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
	}

	public static ProblemException conflict(String detail) {
		return new ProblemException(ProblemType.CONFLICT, detail);
	}

	public static ProblemException invalid(String field, String message) {
		return invalid(List.of(new FieldProblem(field, message)));
	}

	public static ProblemException invalid(List<FieldProblem> errors) {
		return new ProblemException(ProblemType.VALIDATION, "Your request is not valid: see errors",
				Map.of("errors", List.copyOf(errors)));
	}

	/** Answers with {@code Retry-After} (whole seconds, at least one). */
	public ProblemException retryAfter(Duration wait) {
		this.retryAfter = wait;
		return this;
	}

	/** The {@code Retry-After} to send, or null for the type's default. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	public ProblemType type() {
		return this.type;
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
