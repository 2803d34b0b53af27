package io.herald.worker.channel;

import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.core.channel.Channel;
import io.herald.core.support.Ids;
import io.herald.core.testing.TestServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Mail against GreenMail, and against a scripted server for refusals.
 */
class SmtpEmailProviderIntegrationTests extends ChannelsIntegrationTestSupport {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("herald", "s3cret"));

	@Autowired
	SmtpEmailProvider provider;

	@Test
	void servesEmailForTenantsThatChoseSmtp() {
		assertThat(this.provider.supports(Channel.EMAIL, "SMTP")).isTrue();
		assertThat(this.provider.supports(Channel.EMAIL, "ACS")).isFalse();
		assertThat(this.provider.supports(Channel.PUSH, "SMTP")).isFalse();
	}

	@Test
	void deliversHtmlWithAMessageIdThatIsTheSameOnEveryResend() throws Exception {
		UUID notification = Ids.newId();
		OutboundMessage message = email(notification, "ada@example.org", greenMail.getSmtp().getPort(), "s3cret");

		DeliveryOutcome first = this.provider.send(message);
		DeliveryOutcome resend = this.provider.send(message);

		String messageId = "<" + notification + "@herald>";
		assertThat(first).isEqualTo(new DeliveryOutcome.Sent(messageId, null));
		assertThat(resend).isEqualTo(first);
		assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
		MimeMessage[] received = greenMail.getReceivedMessages();
		assertThat(received).hasSize(2)
			.allSatisfy((mime) -> assertThat(mime.getHeader("Message-ID")).containsExactly(messageId));
		MimeMessage mail = received[0];
		assertThat(mail.getSubject()).isEqualTo("Your order shipped");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("Herald <noreply@herald.example>");
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
		assertThat(mail.getContentType()).startsWith("text/html");
		assertThat(GreenMailUtil.getBody(mail)).contains("<p>Parcel <b>42</b> is on its way.</p>");
	}

	@Test
	void wrongPasswordIsPermanent() {
		OutboundMessage message = email(Ids.newId(), "ada@example.org", greenMail.getSmtp().getPort(), "wrong");

		assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
				(permanent) -> assertThat(permanent.error()).contains("535"));
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void recipientRefusedWithA5xxReplyIsPermanent() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 <ghost@example.org>: no such user")) {
			OutboundMessage message = email(Ids.newId(), "ghost@example.org", server.port(), null);

			assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
					(permanent) -> assertThat(permanent.error()).contains("550 5.1.1"));
		}
	}

	@Test
	void recipientDeferredWithA4xxReplyIsRetried() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer("451 4.3.0 Mailbox busy, try again later")) {
			OutboundMessage message = email(Ids.newId(), "ada@example.org", server.port(), null);

			assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
					(retry) -> assertThat(retry.error()).contains("451 4.3.0"));
		}
	}

	@Test
	void unreachableServerIsRetried() {
		OutboundMessage message = email(Ids.newId(), "ada@example.org", TestServers.freePort(), null);

		assertThat(this.provider.send(message)).isInstanceOf(DeliveryOutcome.Retry.class);
	}

	@Test
	void malformedAddressIsPermanent() {
		OutboundMessage message = email(Ids.newId(), "ada at example dot org", greenMail.getSmtp().getPort(), "s3cret");

		assertThat(this.provider.send(message)).isInstanceOf(DeliveryOutcome.Permanent.class);
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	private static OutboundMessage email(UUID notification, String address, int port, String password) {
		Map<String, String> settings = (password != null)
				? Map.of("provider", "SMTP", "host", "127.0.0.1", "port", String.valueOf(port), "username", "herald",
						"password", password, "from", "Herald <noreply@herald.example>", "startTls", "false")
				: Map.of("provider", "SMTP", "host", "127.0.0.1", "port", String.valueOf(port), "from",
						"Herald <noreply@herald.example>");
		return message(notification, Ids.newId(), Channel.EMAIL, "user-1", address, settings);
	}

}
