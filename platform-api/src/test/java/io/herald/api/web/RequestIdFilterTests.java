package io.herald.api.web;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	private final RequestIdFilter filter = new RequestIdFilter();

	@Test
	void wellFormedIdFromTheCallerIsKeptInHeaderAndLogContextThenCleared() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/templates");
		request.addHeader("X-Request-Id", "abc-123_x.y:z");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> logged = new AtomicReference<>();

		this.filter.doFilter(request, response, (req, res) -> logged.set(MDC.get("requestId")));

		assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123_x.y:z");
		assertThat(logged.get()).isEqualTo("abc-123_x.y:z");
		assertThat(RequestIdFilter.idOf(request)).isEqualTo("abc-123_x.y:z");
		assertThat(MDC.get("requestId")).isNull();
	}

	@Test
	void missingTooLongOrOddIdsAreReplacedByUuids() {
		String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
		assertThat(RequestIdFilter.accepted(null)).matches(uuid);
		assertThat(RequestIdFilter.accepted("")).matches(uuid);
		assertThat(RequestIdFilter.accepted("a".repeat(129))).matches(uuid);
		assertThat(RequestIdFilter.accepted("a\nforged log line")).matches(uuid);
		assertThat(RequestIdFilter.accepted("id with spaces")).matches(uuid);
		assertThat(RequestIdFilter.accepted("a".repeat(128))).isEqualTo("a".repeat(128));
	}

	@Test
	void errorDispatchKeepsTheIdOfTheFailedRequest() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/events");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<String> nested = new AtomicReference<>();

		this.filter.doFilter(request, response,
				(req, res) -> this.filter.doFilter(req, res, (errorReq, errorRes) -> nested.set(MDC.get("requestId"))));

		assertThat(nested.get()).isEqualTo(response.getHeader("X-Request-Id")).isNotNull();
		assertThat(MDC.get("requestId")).isNull();
	}

}
