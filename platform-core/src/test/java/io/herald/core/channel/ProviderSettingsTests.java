package io.herald.core.channel;

import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProviderSettingsTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ProviderSettingsJson json = new ProviderSettingsJson(this.mapper);

	@Test
	void smtpFromMayCarryADisplayName() {
		SmtpSettings smtp = new SmtpSettings("smtp.example.com", null, null, null, "Herald <noreply@example.com>",
				true);
		assertThat(smtp.effectivePort()).isEqualTo(587);
		assertThat(new SmtpSettings("h", null, null, null, "a@example.com", false).effectivePort()).isEqualTo(25);
	}

	@Test
	void aMegabyteFromIsRefusedByItsLengthBeforeAnyPatternRuns() {
		String huge = "a".repeat(1_000_000);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new SmtpSettings("h", null, null, null, huge, false))
			.satisfies((ex) -> assertThat(ex.problems())
				.containsExactly(new FieldProblem("from", "must be at most " + SmtpSettings.MAX_FROM + " characters")));
	}

	@Test
	void everyFieldOfAcsIsCappedAndChecked() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> new AcsSettings("endpoint=https://x/;accesskey=" + "k".repeat(3000), "not-an-address"))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(FieldProblem::field)
				.containsExactly("connectionString", "sender"));
	}

	@Test
	void smtpPasswordIsKeptOnlyWithAUsername() {
		assertThat(new SmtpSettings("h", 2525, null, "secret", "a@example.com", false).password()).isNull();
		assertThat(new SmtpSettings("h", 2525, "user", null, "a@example.com", false).password()).isEmpty();
	}

	@Test
	void secretsAreMaskedForDisplayAndLeftOutOfToString() {
		AcsSettings acs = new AcsSettings("endpoint=https://acs.example.com/;accesskey=SECRET", "a@example.com");
		assertThat(acs.masked()).containsEntry("connectionString",
				"endpoint=https://acs.example.com/;accesskey=********");
		SmtpSettings smtp = new SmtpSettings("h", null, "user", "SECRET", "a@example.com", false);
		assertThat(smtp.masked()).containsEntry("password", ProviderSettings.MASK);
		FcmSettings fcm = new FcmSettings("p", "c@example.com", "{\"private_key\":\"SECRET\"}");
		assertThat(fcm.masked()).containsEntry("serviceAccountJson", ProviderSettings.MASK);
		assertThat(acs + " " + smtp + " " + fcm).doesNotContain("SECRET");
	}

	@Test
	void aRequestIsReadPerProviderWithEveryProblemNamed() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.json.read(Channel.EMAIL,
					this.mapper.readTree("{\"provider\":\"smtp\",\"port\":[1],\"startTls\":\"yes\"}")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(FieldProblem::field)
				.containsExactlyInAnyOrder("port", "startTls", "host", "from"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.json.read(Channel.PUSH, this.mapper.readTree("{\"provider\":\"SMTP\"}")))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("provider"));
	}

	@Test
	void storedSettingsReadBackAsTheSameRecords() {
		ProviderSettings smtp = new SmtpSettings("h", 2525, "user", "pw", "Herald <a@example.com>", true);
		ProviderSettings fcm = this.json.read(Channel.PUSH, this.mapper.readTree("""
				{"provider":"FCM","serviceAccountJson":{"project_id":"p","client_email":"c@example.com",
				 "private_key":"k"}}"""));
		ProviderSettings acs = new AcsSettings("endpoint=https://acs.example.com/;accesskey=k", "a@example.com");
		for (ProviderSettings settings : new ProviderSettings[] { smtp, fcm, acs }) {
			assertThat(this.json.readStored(this.json.write(settings))).isEqualTo(settings);
		}
	}

	@Test
	void aSecretLeftBlankIsTakenFromTheStoredSettingsOfTheSameProviderOnly() {
		SmtpSettings stored = new SmtpSettings("h", null, "user", "STORED", "a@example.com", false);
		var blank = this.mapper.createObjectNode()
			.put("provider", "smtp")
			.put("host", "h2")
			.put("username", "user")
			.put("password", "")
			.put("from", "a@example.com");
		var typed = blank.deepCopy().put("password", "NEW");
		var acs = this.mapper.createObjectNode().put("provider", "ACS").put("sender", "a@example.com");

		assertThat(this.json.read(Channel.EMAIL, this.json.withStoredSecret(blank, stored)))
			.isEqualTo(new SmtpSettings("h2", null, "user", "STORED", "a@example.com", false));
		assertThat(((SmtpSettings) this.json.read(Channel.EMAIL, this.json.withStoredSecret(typed, stored))).password())
			.isEqualTo("NEW");
		assertThat(blank.get("password").asString()).as("the given body is not changed").isEmpty();
		assertThatExceptionOfType(InvalidInputException.class).as("another provider's secret is never borrowed")
			.isThrownBy(() -> this.json.read(Channel.EMAIL, this.json.withStoredSecret(acs, stored)))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(FieldProblem::field).contains("connectionString"));
	}

}
