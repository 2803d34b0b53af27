package io.herald.core.eventtype;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTests {

	private static final String USER_SCHEMA = """
			{"type":"object","required":["user"],
			 "properties":{"user":{"type":"object","required":["email"],
			   "properties":{"email":{"type":"string"},"age":{"type":"integer","minimum":0}}}}}
			""";

	private final JsonMapper json = JsonMapper.builder().build();

	private final EventSchemas schemas = new EventSchemas(this.json);

	@Test
	void conformingDataHasNoViolations() {
		assertThat(this.schemas.violations(USER_SCHEMA, this.json.readTree("{\"user\":{\"email\":\"a@b.c\"}}")))
			.isEmpty();
	}

	@Test
	void violationsNameTheJsonPointer() {
		assertThat(this.schemas.violations(USER_SCHEMA, this.json.readTree("{\"user\":{\"email\":5,\"age\":-1}}")))
			.hasSize(2)
			.anySatisfy((violation) -> assertThat(violation).startsWith("/user/email"))
			.anySatisfy((violation) -> assertThat(violation).startsWith("/user/age"));
		assertThat(this.schemas.violations(USER_SCHEMA, this.json.readTree("{}"))).singleElement()
			.asString()
			.contains("user");
	}

	@Test
	void missingSchemaAcceptsAnything() {
		assertThat(this.schemas.violations(null, this.json.readTree("[1]"))).isEmpty();
		assertThat(this.schemas.violations(" ", null)).isEmpty();
		assertThatNoException().isThrownBy(() -> this.schemas.checkSchema(null));
	}

	@Test
	void schemaThatIsNotJsonIsRefused() {
		assertThatThrownBy(() -> this.schemas.checkSchema("{\"type\":")).isInstanceOf(InvalidSchemaException.class)
			.hasMessageContaining("not valid JSON");
	}

	@Test
	void schemaThatBreaksTheMetaSchemaIsRefused() {
		assertThatThrownBy(() -> this.schemas.checkSchema("{\"type\":\"strnig\"}"))
			.isInstanceOf(InvalidSchemaException.class)
			.hasMessageContaining("/type");
		assertThatThrownBy(() -> this.schemas.checkSchema("{\"minimum\":\"ten\"}"))
			.isInstanceOf(InvalidSchemaException.class);
	}

	@Test
	void olderDraftNamedBySchemaKeywordIsUsed() {
		String draft7 = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
				+ "\"required\":[\"id\"]}";
		this.schemas.checkSchema(draft7);
		assertThat(this.schemas.violations(draft7, this.json.readTree("{}"))).hasSize(1);
	}

	@Test
	void referencesInsideTheSchemaWork() {
		String schema = "{\"$defs\":{\"id\":{\"type\":\"string\"}},\"type\":\"object\","
				+ "\"properties\":{\"id\":{\"$ref\":\"#/$defs/id\"}}}";
		this.schemas.checkSchema(schema);
		assertThat(this.schemas.violations(schema, this.json.readTree("{\"id\":\"a\"}"))).isEmpty();
		assertThat(this.schemas.violations(schema, this.json.readTree("{\"id\":1}"))).singleElement()
			.asString()
			.startsWith("/id");
	}

	@Test
	void remoteReferencesAreNeverFetched() {
		assertThatThrownBy(
				() -> this.schemas.violations("{\"$ref\":\"http://127.0.0.1:1/evil.json\"}", this.json.readTree("{}")))
			.isInstanceOf(InvalidSchemaException.class);
		assertThatThrownBy(
				() -> this.schemas.violations("{\"$ref\":\"classpath:herald-core.yml\"}", this.json.readTree("{}")))
			.isInstanceOf(InvalidSchemaException.class);
	}

	@Test
	void aBacktrackingPatternIsAnsweredPromptlyByALinearTimeEngine() {
		String schema = "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\","
				+ "\"pattern\":\"^(.*a){20}$\"}}}";
		this.schemas.checkSchema(schema);
		assertThat(this.schemas.violations(schema, this.json.readTree("{\"s\":\"" + "a".repeat(29) + "b\"}")))
			.singleElement()
			.asString()
			.startsWith("/s");
		assertThat(this.schemas.violations(schema, this.json.readTree("{\"s\":\"" + "a".repeat(30) + "\"}"))).isEmpty();
	}

	@Test
	void patternPropertiesAndRegexFormatUseTheLinearTimeEngineToo() {
		String schema = "{\"type\":\"object\",\"patternProperties\":{\"^(.*a){20}$\":{\"type\":\"integer\"}},"
				+ "\"properties\":{\"r\":{\"type\":\"string\",\"format\":\"regex\"}}}";
		this.schemas.checkSchema(schema);
		String key = "a".repeat(29) + "b";
		assertThat(this.schemas.violations(schema, this.json.readTree("{\"" + key + "\":\"x\",\"r\":\"^(.*a){20}$\"}")))
			.isEmpty();
		assertThat(this.schemas.violations(schema, this.json.readTree("{\"" + "a".repeat(30) + "\":\"x\"}")))
			.singleElement()
			.asString()
			.contains("integer");
	}

	@Test
	void patternsThatCannotRunInLinearTimeOrRepeatTooMuchAreRefused() {
		assertThatThrownBy(() -> this.schemas.checkSchema("{\"type\":\"string\",\"pattern\":\"^(a)\\\\1$\"}"))
			.isInstanceOf(InvalidSchemaException.class);
		assertThatThrownBy(
				() -> this.schemas.checkSchema("{\"type\":\"string\",\"pattern\":\"((a{1000}){1000}){1000}\"}"))
			.isInstanceOf(InvalidSchemaException.class);
	}

}
