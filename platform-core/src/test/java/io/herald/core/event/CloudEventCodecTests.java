package io.herald.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.core.event.InvalidEventException.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CloudEventCodecTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final CloudEventCodec codec = new CloudEventCodec(this.json);

	private byte[] event(String field, String value) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("specversion", "1.0");
		event.put("id", "evt-1");
		event.put("source", "/orders");
		event.put("type", "OrderPlaced");
		event.put("subject", "user-1");
		event.put("datacontenttype", "application/json");
		event.put(field, value);
		return this.json.writeValueAsBytes(event);
	}

	private FieldProblem refusal(String field, String value) {
		InvalidEventException ex = catchThrowableOfType(InvalidEventException.class,
				() -> this.codec.read(event(field, value)));
		assertThat(ex).as(field).isNotNull();
		return ex.problems().getFirst();
	}

	@Test
	void attributesThatFitTheirColumnsAreAccepted() {
		CloudEventEnvelope event = this.codec.read(event("subject", "s".repeat(500)));
		assertThat(event.subject()).hasSize(500);
		assertThat(this.codec.read(event("id", "i".repeat(200))).id()).hasSize(200);
	}

	@Test
	void attributesLongerThanTheirColumnsAreRefused() {
		assertThat(refusal("id", "i".repeat(201))).isEqualTo(new FieldProblem("id", "must be at most 200 characters"));
		assertThat(refusal("type", "t".repeat(201)).field()).isEqualTo("type");
		assertThat(refusal("source", "/".repeat(501)).field()).isEqualTo("source");
		assertThat(refusal("subject", "s".repeat(501)))
			.isEqualTo(new FieldProblem("subject", "must be at most 500 characters"));
		assertThat(refusal("datacontenttype", "a".repeat(101)).field()).isEqualTo("datacontenttype");
	}

	@Test
	void nulAndOtherControlCharactersAreRefused() {
		assertThat(refusal("subject", "user\u0000"))
			.isEqualTo(new FieldProblem("subject", "must not contain control characters"));
		assertThat(refusal("id", "evt-1\r\nINFO forged line").field()).isEqualTo("id");
		assertThat(refusal("type", "Order\u0085Placed").field()).isEqualTo("type");
		assertThat(refusal("source", "/a\u2028b").field()).isEqualTo("source");
		assertThat(refusal("datacontenttype", "application/json\t").field()).isEqualTo("datacontenttype");
	}

	@Test
	void timesOutsideFourDigitYearsAreRefused() {
		assertThat(refusal("time", "+10000-01-01T00:00:00Z"))
			.isEqualTo(new FieldProblem("time", "must be an RFC 3339 timestamp"));
		assertThat(this.codec.read(event("time", "2026-11-28T10:00:00Z")).time()).isNotNull();
	}

}
