package io.herald.worker.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * Classifies what Spring Mail and Jakarta Mail throw. The SMTP reply code decides where
 * there is one (Jakarta Mail puts the server's reply, code first, in the exception
 * message): 5xx is permanent, 4xx transient. Without a code, a refused target address, an
 * authentication failure or refused addresses are permanent, everything else (connection
 * refused, timeouts) transient.
 *
 * <p>
 * The error keeps the reply code and enhanced status code ({@code 550 5.1.1}) but not the
 * server's text, and names a transport failure by its kind only
 * ({@link ProviderErrors#transportFailure}): a tenant must not read banners or host names
 * through Herald.
 */
final class SmtpFailures {

	private static final Pattern REPLY_CODE = Pattern
		.compile("^\\s*([245]\\d\\d)(?=[\\s-]|$)(?:[\\s-]+([245]\\.\\d{1,3}\\.\\d{1,3})\\b)?");

	private SmtpFailures() {
	}

	static DeliveryOutcome classify(MailException ex) {
		List<Throwable> causes = causes(ex);
		for (Throwable cause : causes) {
			if (cause instanceof PublicAddressDnsResolver.BlockedAddressException) {
				return new DeliveryOutcome.Permanent("SMTP host is not allowed: it resolves to a private or internal"
						+ " address (herald.channels.smtp.allow-private-networks)", null);
			}
		}
		for (Throwable cause : causes) {
			String reply = reply(cause);
			if (reply == null) {
				continue;
			}
			if (reply.startsWith("5")) {
				return new DeliveryOutcome.Permanent(refusal(cause, causes) + " (" + reply + ")", null);
			}
			if (reply.startsWith("4")) {
				return new DeliveryOutcome.Retry("SMTP server deferred (" + reply + ")", null, null);
			}
		}
		for (Throwable cause : causes) {
			if (cause instanceof AuthenticationFailedException) {
				return new DeliveryOutcome.Permanent("SMTP authentication failed", null);
			}
			if (refusedAddresses(cause)) {
				return new DeliveryOutcome.Permanent("SMTP server refused the address", null);
			}
		}
		return new DeliveryOutcome.Retry("SMTP delivery failed: " + transportFailure(causes), null, null);
	}

	private static String refusal(Throwable cause, List<Throwable> causes) {
		if (cause instanceof AuthenticationFailedException) {
			return "SMTP authentication failed";
		}
		if (cause instanceof AddressException || causes.stream().anyMatch(SmtpFailures::refusedAddresses)) {
			return "SMTP server refused the address";
		}
		return "SMTP server refused";
	}

	private static boolean refusedAddresses(Throwable cause) {
		return cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
				&& failed.getInvalidAddresses().length > 0;
	}

	private static String transportFailure(List<Throwable> causes) {
		for (Throwable cause : causes) {
			if (!(cause instanceof MessagingException) && !(cause instanceof MailException)) {
				return ProviderErrors.transportFailure(cause);
			}
		}
		// only Jakarta Mail's own exceptions: a protocol error, such as a greeting that
		// is
		// not SMTP
		return "unexpected answer from the server";
	}

	/**
	 * The exception, its causes, the per-message failures and Jakarta Mail's chained
	 * exceptions.
	 */
	private static List<Throwable> causes(MailException ex) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> all = new ArrayList<>();
		collect(ex, seen, all);
		if (ex instanceof MailSendException send) {
			for (Exception failure : send.getFailedMessages().values()) {
				collect(failure, seen, all);
			}
		}
		return all;
	}

	private static void collect(Throwable throwable, Set<Throwable> seen, List<Throwable> all) {
		Throwable current = throwable;
		while (current != null && seen.add(current)) {
			all.add(current);
			if (current instanceof MessagingException messaging && messaging.getNextException() != null
					&& messaging.getNextException() != messaging.getCause()) {
				collect(messaging.getNextException(), seen, all);
			}
			current = current.getCause();
		}
	}

	/** The reply code and enhanced status code, e.g. {@code 550 5.1.1}, or null. */
	private static String reply(Throwable throwable) {
		if (!(throwable instanceof MessagingException) || throwable.getMessage() == null) {
			return null;
		}
		Matcher matcher = REPLY_CODE.matcher(throwable.getMessage());
		if (!matcher.find()) {
			return null;
		}
		return (matcher.group(2) != null) ? matcher.group(1) + " " + matcher.group(2) : matcher.group(1);
	}

}
