package io.herald.api.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The kinds of problem the API reports, each with a stable {@code type} URI that clients
 * may switch on (RFC 9457).
 */
public enum ProblemType {

	VALIDATION("validation", HttpStatus.BAD_REQUEST, "Your request is not valid"),

	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "The request body cannot be read"),

	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication is required"),

	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Access is denied"),

	INSUFFICIENT_SCOPE("insufficient-scope", HttpStatus.FORBIDDEN, "The API key lacks the scope this call needs"),

	TENANT_SUSPENDED("tenant-suspended", HttpStatus.FORBIDDEN, "The tenant is suspended"),

	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict with the current state"),

	DUPLICATE_EVENT_IN_BATCH("duplicate-event-in-batch", HttpStatus.CONFLICT,
			"The batch already holds an event with this id"),

	IDEMPOTENCY_KEY_IN_PROGRESS("idempotency-key-in-progress", HttpStatus.CONFLICT,
			"A request with this Idempotency-Key is still being processed"),

	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
			"This Idempotency-Key was used for a different request"),

	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),

	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "The request cannot be processed"),

	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	UNKNOWN_REFERENCE("unknown-reference", HttpStatus.UNPROCESSABLE_CONTENT, "A referenced resource does not exist"),

	UNKNOWN_EVENT_TYPE("unknown-event-type", HttpStatus.UNPROCESSABLE_CONTENT, "The event type is not registered"),

	SCHEMA_VIOLATION("schema-violation", HttpStatus.UNPROCESSABLE_CONTENT,
			"The data does not conform to the event type's schema"),

	TEMPLATE_RENDER_FAILED("template-render-failed", HttpStatus.UNPROCESSABLE_CONTENT,
			"The template cannot be rendered"),

	RENDER_TIMED_OUT("render-timed-out", HttpStatus.SERVICE_UNAVAILABLE, "Rendering took too long, try again later"),

	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"The service is unavailable, try again later"),

	EVENT_LOG_UNAVAILABLE("event-log-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"The event log is unavailable, try again later"),

	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");

	private static final String BASE = "https://herald.dev/problems/";

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.type = URI.create(BASE + slug);
		this.status = status;
		this.title = title;
	}

	public URI type() {
		return this.type;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/** The problem that generically fits an HTTP status. */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> RATE_LIMITED;
			case 503 -> SERVICE_UNAVAILABLE;
			// other 4xx (411, 414, 431…) keep their status with the generic type
			default -> (status >= 500) ? INTERNAL_ERROR : BAD_REQUEST;
		};
	}

}
