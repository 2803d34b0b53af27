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
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * Classifies what Spring Mail and Jakarta Mail throw. The SMTP reply code decides where
 * there is one (Jakarta Mail puts the server's reply, code first, in the exception
 * message): 5xx is permanent, 4xx transient. Without a code, an authentication failure or
 * refused addresses are permanent, everything else (connection refused, timeouts)
 * transient.
 */
final class SmtpFailures {

	private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([245]\\d\\d)[\\s-]");

	private SmtpFailures() {
	}

	static DeliveryOutcome classify(MailException ex) {
		List<Throwable> causes = causes(ex);
		for (Throwable cause : causes) {
			Integer code = replyCode(cause);
			if (code != null && code >= 500) {
				return new DeliveryOutcome.Permanent("SMTP server refused: " + oneLine(cause.getMessage()), null);
			}
			if (code != null && code >= 400) {
				return new DeliveryOutcome.Retry("SMTP server deferred: " + oneLine(cause.getMessage()), null, null);
			}
		}
		for (Throwable cause : causes) {
			if (cause instanceof AuthenticationFailedException) {
				return new DeliveryOutcome.Permanent("SMTP authentication failed: " + oneLine(cause.getMessage()),
						null);
			}
			if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
					&& failed.getInvalidAddresses().length > 0) {
				return new DeliveryOutcome.Permanent("SMTP server refused the address: " + oneLine(cause.getMessage()),
						null);
			}
		}
		Throwable root = causes.get(causes.size() - 1);
		return new DeliveryOutcome.Retry("SMTP delivery failed: " + oneLine(String.valueOf(root)), null, null);
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

	private static Integer replyCode(Throwable throwable) {
		if (!(throwable instanceof MessagingException) || throwable.getMessage() == null) {
			return null;
		}
		Matcher matcher = REPLY_CODE.matcher(throwable.getMessage());
		return matcher.find() ? Integer.valueOf(matcher.group(1)) : null;
	}

	private static String oneLine(String text) {
		if (text == null) {
			return "";
		}
		String line = text.strip().replaceAll("\\s+", " ");
		return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
	}

}
