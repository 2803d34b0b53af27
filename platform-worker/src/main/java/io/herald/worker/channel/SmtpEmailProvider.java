package io.herald.worker.channel;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.herald.core.channel.Channel;
import io.herald.core.channel.SmtpSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * E-mail through a tenant's SMTP server (Spring Mail). Every message carries the stable
 * {@code Message-ID: <notificationId@herald>}, so a resend after a crash is the same
 * message to receiving systems that deduplicate on it. Port 465 means implicit TLS;
 * otherwise {@code startTls} decides, and when set STARTTLS is required, never optional.
 * Server certificates and host names are checked.
 *
 * <p>
 * Tenants name the SMTP host, so every connection goes through a
 * {@link GuardedSocketFactory}: the address connected to must be public unless
 * {@code herald.channels.smtp.allow-private-networks} is set, and at most
 * {@link #MAX_READ} bytes are read from the server. A message gets
 * {@code herald.channels.smtp.send-deadline} in all, then its sockets are closed.
 */
public class SmtpEmailProvider implements ChannelProvider, AutoCloseable {

	private static final int SMTPS_PORT = 465;

	/**
	 * Replies of a whole SMTP session are a few hundred bytes; a longer one is hostile.
	 */
	static final long MAX_READ = 64 * 1024;

	private final ChannelsProperties.Smtp properties;

	private final SendDeadline deadline;

	/**
	 * Jakarta Mail's write timeouts, shared: left to itself it starts a thread pool per
	 * socket, whose thread outlives a connection that is aborted rather than closed.
	 */
	private final ScheduledThreadPoolExecutor writeTimeouts;

	SmtpEmailProvider(ChannelsProperties.Smtp properties) {
		this.properties = properties;
		this.deadline = new SendDeadline(properties.sendDeadline());
		this.writeTimeouts = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().daemon().name("herald-smtp-write-timeouts").factory());
		this.writeTimeouts.setRemoveOnCancelPolicy(true);
	}

	/** Stops the write-timeout timer when the context stops. */
	@Override
	public void close() {
		this.writeTimeouts.shutdownNow();
	}

	@Override
	public Duration sendDeadline() {
		return this.deadline.limit();
	}

	@Override
	public boolean supports(Channel channel, String configuredProvider) {
		return channel == Channel.EMAIL && "SMTP".equalsIgnoreCase(configuredProvider);
	}

	@Override
	public DeliveryOutcome send(OutboundMessage message) {
		if (!(message.settings() instanceof SmtpSettings settings)) {
			return new DeliveryOutcome.Permanent("EMAIL/SMTP settings are missing", null);
		}
		if (message.address() == null || message.address().isBlank()) {
			return new DeliveryOutcome.Permanent("The recipient has no e-mail address", null);
		}
		// a sender per send: cheap, and its sockets belong to this send alone
		GuardedSocketFactory sockets = new GuardedSocketFactory(this.properties.allowPrivateNetworks(), MAX_READ);
		JavaMailSenderImpl sender = newSender(settings, sockets);
		String messageId = "<" + message.messageId() + "@herald>";
		MimeMessage mime;
		try {
			mime = compose(sender.getSession(), messageId, settings, message);
		}
		catch (MessagingException ex) {
			return new DeliveryOutcome.Permanent("Invalid e-mail: " + ex.getMessage(), null);
		}
		try {
			this.deadline.run(() -> {
				sender.send(mime);
				return null;
			}, sockets::closeAll);
			return new DeliveryOutcome.Sent(messageId, null);
		}
		catch (SendDeadline.Exceeded ex) {
			return this.deadline.exceeded("the SMTP server");
		}
		catch (MailException ex) {
			return SmtpFailures.classify(ex);
		}
	}

	private static MimeMessage compose(Session session, String messageId, SmtpSettings settings,
			OutboundMessage message) throws MessagingException {
		MimeMessage mime = new StableIdMimeMessage(session, messageId);
		MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
		helper.setFrom(new InternetAddress(settings.from(), true));
		helper.setTo(new InternetAddress(message.address(), true));
		helper.setSubject((message.subject() != null) ? message.subject() : "");
		helper.setText((message.body() != null) ? message.body() : "", true);
		return mime;
	}

	private JavaMailSenderImpl newSender(SmtpSettings settings, GuardedSocketFactory sockets) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(settings.host());
		sender.setPort(settings.effectivePort());
		sender.setUsername(settings.username());
		sender.setPassword(settings.password());
		sender.setDefaultEncoding("UTF-8");
		Properties mail = sender.getJavaMailProperties();
		mail.setProperty("mail.smtp.auth", String.valueOf(settings.authenticates()));
		// with STARTTLS asked for, never fall back to sending credentials in clear
		mail.setProperty("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
		mail.setProperty("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
		// port 465 is SMTP over implicit TLS (RFC 8314)
		mail.setProperty("mail.smtp.ssl.enable", String.valueOf(settings.effectivePort() == SMTPS_PORT));
		mail.setProperty("mail.smtp.ssl.checkserveridentity", "true");
		// every socket, also for implicit TLS, comes from the guard; never a plain one
		mail.put("mail.smtp.socketFactory", sockets);
		mail.setProperty("mail.smtp.socketFactory.fallback", "false");
		mail.setProperty("mail.smtp.connectiontimeout", String.valueOf(this.properties.connectTimeout().toMillis()));
		mail.setProperty("mail.smtp.timeout", String.valueOf(this.properties.timeout().toMillis()));
		mail.setProperty("mail.smtp.writetimeout", String.valueOf(this.properties.timeout().toMillis()));
		mail.put("mail.smtp.executor.writetimeout", this.writeTimeouts);
		return sender;
	}

	/** A MimeMessage whose Message-ID survives {@code saveChanges()}. */
	private static final class StableIdMimeMessage extends MimeMessage {

		private final String messageId;

		StableIdMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", this.messageId);
		}

	}

}
