package io.herald.api.web;

import java.util.Map;

import io.herald.core.template.TemplateTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemHandlerTests {

	@Test
	void renderThatRanOutOfTimeIsServiceUnavailableWithRetryAfterAndTheRequestId() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/templates/x/preview");
		request.addHeader("X-Request-Id", "req-42");
		AtomicResponse answer = new AtomicResponse();

		new RequestIdFilter().doFilter(request, new MockHttpServletResponse(),
				(req, res) -> answer.value = new ProblemHandler()
					.renderTimedOut(new TemplateTimeoutException("render took over 2s"), request));

		assertThat(answer.value.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.value.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		@SuppressWarnings("unchecked")
		Map<String, Object> body = (Map<String, Object>) answer.value.getBody();
		assertThat(body).containsEntry("type", "https://herald.dev/problems/render-timed-out")
			.containsEntry("requestId", "req-42")
			.doesNotContainValue("render took over 2s");
	}

	@Test
	void everyClientErrorStatusHasATypeOtherThanValidation() {
		for (int status = 400; status < 500; status++) {
			assertThat(ProblemType.forStatus(status)).isNotEqualTo(ProblemType.VALIDATION);
		}
		assertThat(ProblemType.forStatus(405)).isEqualTo(ProblemType.METHOD_NOT_ALLOWED);
		assertThat(ProblemType.forStatus(406)).isEqualTo(ProblemType.NOT_ACCEPTABLE);
		assertThat(ProblemType.forStatus(415)).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
	}

	private static final class AtomicResponse {

		ResponseEntity<Object> value;

	}

}
