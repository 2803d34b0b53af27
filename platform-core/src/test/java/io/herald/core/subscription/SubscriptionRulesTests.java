package io.herald.core.subscription;

import io.herald.core.channel.Channel;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SubscriptionRulesTests {

	@Test
	void aWebhookNeedsAnAbsoluteHttpUrlWithoutCredentials() {
		assertThat(SubscriptionRules.endpoint(Channel.WEBHOOK, " https://hooks.example.com/a "))
			.isEqualTo("https://hooks.example.com/a");
		for (String bad : new String[] { "ftp://example.com", "/relative", "https://user:pw@example.com/", " " }) {
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> SubscriptionRules.endpoint(Channel.WEBHOOK, bad))
				.satisfies(
						(ex) -> assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("endpoint"));
		}
	}

	@Test
	void emailAndPushTakeNoEndpoint() {
		assertThat(SubscriptionRules.endpoint(Channel.EMAIL, null)).isNull();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> SubscriptionRules.endpoint(Channel.PUSH, "https://example.com"));
	}

	@Test
	void theRecipientIsTheSubjectOrAJsonPointer() {
		assertThat(SubscriptionRules.recipient(null)).isEqualTo(Subscription.RECIPIENT_FROM_SUBJECT);
		assertThat(SubscriptionRules.recipient("/user/email")).isEqualTo("/user/email");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> SubscriptionRules.recipient("user.email"));
	}

	@Test
	void aChannelIsReadInAnyCaseAndAnUnknownOneNamesItsField() {
		assertThat(Channel.parse("channel", " email ")).isEqualTo(Channel.EMAIL);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Channel.parse("optOut.channels[0]", "x".repeat(100_000)))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(FieldProblem::field)
				.containsExactly("optOut.channels[0]"));
	}

}
