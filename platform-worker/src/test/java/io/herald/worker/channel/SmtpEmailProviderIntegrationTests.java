package io.herald.worker.channel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.herald.core.channel.Channel;
import io.herald.core.channel.SmtpSettings;
import io.herald.core.support.Ids;
import io.herald.core.testing.TestServers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
	void smtpHostOnAPrivateAddressIsRefusedByDefaultWithoutConnecting() throws Exception {
		SmtpEmailProvider guarded = provider(false);
		try (ScriptedSmtpServer server = new ScriptedSmtpServer("250 OK")) {
			OutboundMessage literal = email(Ids.newId(), "ada@example.org", "127.0.0.1", server.port(), null);
			OutboundMessage named = email(Ids.newId(), "ada@example.org", "localhost", server.port(), null);

			assertThat(List.of(guarded.send(literal), guarded.send(named)))
				.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
						(permanent) -> assertThat(permanent.error()).startsWith("SMTP host is not allowed")));
			assertThat(server.connections()).isZero();
		}
	}

	@Test
	void privateSmtpHostIsReachedWhenPrivateNetworksAreAllowed() throws Exception {
		SmtpEmailProvider open = provider(true);
		UUID notification = Ids.newId();

		DeliveryOutcome outcome = open
			.send(email(notification, "ada@example.org", "localhost", greenMail.getSmtp().getPort(), "s3cret"));

		assertThat(outcome).isEqualTo(new DeliveryOutcome.Sent("<" + notification + "@herald>", null));
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
	}

	@Test
	void errorKeepsTheReplyCodeButNotTheServersText() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(
				"550 5.1.1 <ghost@example.org>: unknown at mx7.corp.internal [10.1.2.3]")) {
			OutboundMessage message = email(Ids.newId(), "ghost@example.org", server.port(), null);

			assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Permanent.class,
					(permanent) -> assertThat(permanent.error())
						.isEqualTo("SMTP server refused the address (550 5.1.1)"));
		}
	}

	@Test
	void aServiceThatIsNotSmtpDoesNotShowItsBannerToTheTenant() throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer("SSH-2.0-OpenSSH_9.6 db-7.corp.internal", "250 OK")) {
			OutboundMessage message = email(Ids.newId(), "ada@example.org", server.port(), null);

			assertThat(this.provider.send(message)).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
					(retry) -> assertThat(retry.error()).doesNotContain("SSH", "corp.internal", "127.0.0.1")
						.startsWith("SMTP delivery failed"));
			assertThat(server.connections()).isOne();
		}
	}

	@Test
	void anEndlessReplyIsCutAtTheReadLimit() throws Exception {
		String endless = "220 " + "x".repeat((int) SmtpEmailProvider.MAX_READ * 2);
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(endless, "250 OK")) {
			OutboundMessage message = email(Ids.newId(), "ada@example.org", server.port(), null);

			assertThat(this.provider.send(message)).isEqualTo(
					new DeliveryOutcome.Retry("SMTP delivery failed: the server's answer was too long", null, null));
		}
	}

	@Test
	@Timeout(30)
	void aServerThatDripsItsGreetingIsCutAtTheSendDeadlineAndRetried() throws Exception {
		SmtpEmailProvider slow = provider(true, Duration.ofSeconds(1));
		try (DrippingServer server = new DrippingServer("220 ", Duration.ofMillis(200))) {
			OutboundMessage message = email(Ids.newId(), "ada@example.org", server.port(), null);

			assertThat(slow.send(message)).isEqualTo(new DeliveryOutcome.Retry(
					"the SMTP server did not finish within the send deadline of 1 s", null, null));
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

	private static SmtpEmailProvider provider(boolean allowPrivateNetworks) {
		return provider(allowPrivateNetworks, Duration.ofSeconds(10));
	}

	private static SmtpEmailProvider provider(boolean allowPrivateNetworks, Duration sendDeadline) {
		return new SmtpEmailProvider(new ChannelsProperties.Smtp(Duration.ofSeconds(2), Duration.ofSeconds(5),
				sendDeadline, allowPrivateNetworks));
	}

	private static OutboundMessage email(UUID notification, String address, int port, String password) {
		return email(notification, address, "127.0.0.1", port, password);
	}

	private static OutboundMessage email(UUID notification, String address, String host, int port, String password) {
		SmtpSettings settings = new SmtpSettings(host, port, (password != null) ? "herald" : null, password,
				"Herald <noreply@herald.example>", false);
		return message(notification, Ids.newId(), Channel.EMAIL, "user-1", address, settings);
	}

}
