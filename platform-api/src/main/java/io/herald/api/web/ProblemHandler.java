package io.herald.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.core.error.ConflictException;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.HeraldException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.error.RenderFailedException;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.error.UnknownEventTypeException;
import io.herald.core.error.UnknownReferenceException;
import io.herald.core.event.InvalidEventException;
import io.herald.core.eventtype.InvalidSchemaException;
import io.herald.core.subscription.InvalidFilterException;
import io.herald.core.support.LogSafe;
import io.herald.core.template.TemplateTimeoutException;
import io.herald.core.tenant.DuplicateTenantException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json}
 * responses: stable type URIs, per-field {@code errors} for validation, and never a stack
 * trace, class name or SQL.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private static final String RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<Object> problem(ProblemException ex, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
		}
		else if (ex.type().status() == HttpStatus.SERVICE_UNAVAILABLE) {
			headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return respond(ex.type(), ex.getMessage(), request, ex.properties(), headers);
	}

	/** The use cases' refusals: each kind has its problem type. */
	@ExceptionHandler(HeraldException.class)
	ResponseEntity<Object> refused(HeraldException ex, HttpServletRequest request) {
		Map<String, Object> properties = switch (ex) {
			case InvalidInputException invalid -> Map.of("errors", invalid.problems());
			case UnknownReferenceException unknown ->
				unknown.field().<Map<String, Object>>map((field) -> Map.of("field", field)).orElse(Map.of());
			case UnknownEventTypeException unknown -> Map.of("eventType", unknown.eventType());
			case SchemaViolationException violation -> Map.of("violations", violation.violations());
			case NotFoundException notFound -> Map.of();
			case ConflictException conflict -> Map.of();
			case RenderFailedException failed -> Map.of();
		};
		return respond(problemType(ex), ex.getMessage(), request, properties, new HttpHeaders());
	}

	private static ProblemType problemType(HeraldException ex) {
		return switch (ex) {
			case InvalidInputException invalid -> ProblemType.VALIDATION;
			case UnknownReferenceException unknown -> ProblemType.UNKNOWN_REFERENCE;
			case UnknownEventTypeException unknown -> ProblemType.UNKNOWN_EVENT_TYPE;
			case SchemaViolationException violation -> ProblemType.SCHEMA_VIOLATION;
			case NotFoundException notFound -> ProblemType.NOT_FOUND;
			case ConflictException conflict -> ProblemType.CONFLICT;
			case RenderFailedException failed -> ProblemType.TEMPLATE_RENDER_FAILED;
		};
	}

	@ExceptionHandler(InvalidEventException.class)
	ResponseEntity<Object> invalidEvent(InvalidEventException ex, HttpServletRequest request) {
		List<FieldProblem> errors = ex.problems()
			.stream()
			.map((problem) -> new FieldProblem(problem.field(), problem.message()))
			.toList();
		return respond(ProblemType.VALIDATION, "The event is not a valid CloudEvent: see errors", request,
				Map.of("errors", errors), new HttpHeaders());
	}

	@ExceptionHandler(InvalidFilterException.class)
	ResponseEntity<Object> invalidFilter(InvalidFilterException ex, HttpServletRequest request) {
		return respond(ProblemType.VALIDATION, ex.getMessage(), request,
				Map.of("errors", List.of(new FieldProblem("filter", ex.getMessage())), "position", ex.position()),
				new HttpHeaders());
	}

	@ExceptionHandler(InvalidSchemaException.class)
	ResponseEntity<Object> invalidSchema(InvalidSchemaException ex, HttpServletRequest request) {
		return respond(ProblemType.VALIDATION, ex.getMessage(), request,
				Map.of("errors", List.of(new FieldProblem("schema", ex.getMessage()))), new HttpHeaders());
	}

	@ExceptionHandler(DuplicateTenantException.class)
	ResponseEntity<Object> duplicateTenant(DuplicateTenantException ex, HttpServletRequest request) {
		return respond(ProblemType.CONFLICT, "A tenant with this slug already exists", request, Map.of(),
				new HttpHeaders());
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
		log.info("Write refused by a database constraint on {}: {}", LogSafe.of(request.getRequestURI()),
				LogSafe.of(ex.getMostSpecificCause().getMessage()));
		return respond(ProblemType.CONFLICT, "The change conflicts with an existing resource or a concurrent change",
				request, Map.of(), new HttpHeaders());
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraint(ConstraintViolationException ex, HttpServletRequest request) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(leaf(violation.getPropertyPath().toString()), violation.getMessage()))
			.toList();
		return respond(ProblemType.VALIDATION, "Your request is not valid: see errors", request,
				Map.of("errors", errors), new HttpHeaders());
	}

	/** A render that ran out of wall-clock time (a starved machine): worth a retry. */
	@ExceptionHandler(TemplateTimeoutException.class)
	ResponseEntity<Object> renderTimedOut(TemplateTimeoutException ex, HttpServletRequest request) {
		log.warn("Template render timed out on {} {}", request.getMethod(), LogSafe.of(request.getRequestURI()));
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return respond(ProblemType.RENDER_TIMED_OUT, null, request, Map.of(), headers);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure on {} {}", request.getMethod(), LogSafe.of(request.getRequestURI()), ex);
		return respond(ProblemType.INTERNAL_ERROR, null, request, Map.of(), new HttpHeaders());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return respond(ProblemType.VALIDATION, "Your request is not valid: see errors", request,
				Map.of("errors", errors), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String name = result.getMethodParameter().getParameterName();
			if (result instanceof ParameterErrors parameterErrors) {
				parameterErrors.getFieldErrors()
					.forEach((error) -> errors.add(new FieldProblem(error.getField(), error.getDefaultMessage())));
			}
			else {
				result.getResolvableErrors()
					.forEach((error) -> errors.add(new FieldProblem(name, error.getDefaultMessage())));
			}
		});
		return respond(ProblemType.VALIDATION, "Your request is not valid: see errors", request,
				Map.of("errors", errors), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, PayloadTooLargeException.class)) {
			return respond(ProblemType.PAYLOAD_TOO_LARGE, null, request, Map.of(), headers);
		}
		FieldProblem error = unreadable(ex);
		return respond(ProblemType.MALFORMED_REQUEST, "The request body cannot be read: see errors", request,
				Map.of("errors", List.of(error)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value";
		String message = "UUID".equals(expected) ? "must be an id (UUID)" : "has an invalid format";
		return respond(ProblemType.VALIDATION, "Your request is not valid: see errors", request,
				Map.of("errors", List.of(new FieldProblem(name, message))), headers);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return respond(ProblemType.NOT_FOUND, "There is no resource at this path", request, Map.of(), headers);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemType type = ProblemType.forStatus(statusCode.value());
		String detail = (body instanceof ProblemDetail problem) ? problem.getDetail() : null;
		if (statusCode.is5xxServerError()) {
			log.error("Request failed with {} on {}", statusCode.value(), LogSafe.of(path(request)), ex);
			detail = null;
		}
		ProblemDetail problem = Problems.of(type, detail, path(request), Map.of());
		problem.setStatus(statusCode.value());
		return respond(problem, servlet(request), headers);
	}

	private static ResponseEntity<Object> respond(ProblemType type, String detail, WebRequest request,
			Map<String, Object> properties, HttpHeaders headers) {
		return respond(Problems.of(type, detail, path(request), properties), servlet(request), headers);
	}

	private static HttpServletRequest servlet(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest() : null;
	}

	private static String path(WebRequest request) {
		HttpServletRequest servlet = servlet(request);
		return (servlet != null) ? servlet.getRequestURI() : null;
	}

	private static ResponseEntity<Object> respond(ProblemType type, String detail, HttpServletRequest request,
			Map<String, Object> properties, HttpHeaders headers) {
		return respond(Problems.of(type, detail, request.getRequestURI(), properties), request, headers);
	}

	private static ResponseEntity<Object> respond(ProblemDetail problem, HttpServletRequest request,
			HttpHeaders headers) {
		HttpHeaders responseHeaders = new HttpHeaders();
		responseHeaders.putAll(headers);
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return ResponseEntity.status(problem.getStatus())
			.headers(responseHeaders)
			.body(ProblemWriter.asMap(problem, request));
	}

	private static FieldProblem unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof InvalidFormatException format && !format.getPath().isEmpty()) {
			return new FieldProblem(path(format), "has an invalid value");
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return new FieldProblem(path(mismatch), "has the wrong type");
		}
		if (cause instanceof JacksonException) {
			return new FieldProblem("body", "is not valid JSON");
		}
		return new FieldProblem("body", "is missing or cannot be read");
	}

	private static String path(MismatchedInputException ex) {
		StringBuilder path = new StringBuilder();
		ex.getPath().forEach((reference) -> {
			if (reference.getPropertyName() != null) {
				path.append((path.isEmpty()) ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.isEmpty() ? "body" : path.toString();
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String leaf(String propertyPath) {
		int dot = propertyPath.indexOf('.');
		return (dot >= 0) ? propertyPath.substring(dot + 1) : propertyPath;
	}

}
