package io.herald.core.fanout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.recipient.Recipient;
import io.herald.core.recipient.RecipientRepository;
import io.herald.core.subscription.Subscription;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Finds whom a subscription's notification goes to. A webhook goes to its endpoint. The
 * {@code subject} rule (the default) reads the recipient profile whose external id is the
 * event's subject and honours its opt-outs; e-mail goes to its address, push to each of
 * its tokens (one notification per token). A JSON Pointer rule ({@code /user/email})
 * reads a direct address, or an array of them, from the event data.
 * <p>
 * Tenant data is bounded here: a recipient longer than the notification's
 * {@code recipient} column (500) or an address longer than its {@code address} column
 * (2,000) becomes an unreachable target with the reason instead of a database error, and
 * one event reaches at most {@code herald.fan-out.max-recipients} distinct recipients per
 * subscription; the rest are not created, and one FAILED marker (recipient {@code -})
 * records how many were left out.
 */
@Component
public class RecipientResolver {

	static final String NO_KEY = "-";

	static final int MAX_KEY_LENGTH = 500;

	static final int MAX_ADDRESS_LENGTH = 2_000;

	private final RecipientRepository recipients;

	private final int maxRecipients;

	RecipientResolver(RecipientRepository recipients,
			@Value("${herald.fan-out.max-recipients:${herald.worker.fan-out.max-recipients:1000}}") int maxRecipients) {
		this.recipients = recipients;
		this.maxRecipients = maxRecipients;
	}

	/**
	 * The targets of one subscription for one event: at least one.
	 */
	public List<Target> resolve(SubscriptionSnapshot subscription, UUID tenantId, CloudEventEnvelope event) {
		return capped(fitting(targets(subscription, tenantId, event)));
	}

	/**
	 * One target per recipient key; beyond the cap, one marker that says how many were
	 * left out.
	 */
	private List<Target> capped(List<Target> targets) {
		Map<String, Target> distinct = new LinkedHashMap<>();
		targets.forEach((target) -> distinct.putIfAbsent(target.key(), target));
		if (distinct.size() <= this.maxRecipients) {
			return List.copyOf(distinct.values());
		}
		List<Target> kept = new ArrayList<>(distinct.values()).subList(0, this.maxRecipients);
		List<Target> result = new ArrayList<>(kept);
		result.add(new Target.Unreachable(NO_KEY,
				(distinct.size() - this.maxRecipients) + " more recipients were not notified: at most "
						+ this.maxRecipients + " per event and subscription (herald.fan-out.max-recipients)"));
		return result;
	}

	private static List<Target> fitting(List<Target> targets) {
		return targets.stream().map(RecipientResolver::fitting).toList();
	}

	private static Target fitting(Target target) {
		if (target.key().length() > MAX_KEY_LENGTH) {
			return new Target.Unreachable(shortened(target.key()),
					"recipient is " + target.key().length() + " characters long; at most " + MAX_KEY_LENGTH + " fit");
		}
		if (target instanceof Target.Reachable reachable && reachable.address().length() > MAX_ADDRESS_LENGTH) {
			return new Target.Unreachable(target.key(), "address is " + reachable.address().length()
					+ " characters long; at most " + MAX_ADDRESS_LENGTH + " fit");
		}
		return target;
	}

	/**
	 * A prefix plus a digest of the whole: fits the column and stays distinct per key.
	 */
	private static String shortened(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return key.substring(0, 100) + "…#" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<Target> targets(SubscriptionSnapshot subscription, UUID tenantId, CloudEventEnvelope event) {
		if (subscription.channel() == Channel.WEBHOOK) {
			String endpoint = subscription.endpoint();
			return List.of((endpoint != null && !endpoint.isBlank()) ? new Target.Reachable(endpoint, endpoint, null)
					: new Target.Unreachable(NO_KEY, "the subscription has no endpoint"));
		}
		String rule = subscription.recipientRule();
		if (rule == null || rule.isBlank() || Subscription.RECIPIENT_FROM_SUBJECT.equals(rule)) {
			return fromProfile(subscription.channel(), tenantId, event);
		}
		if (rule.startsWith("/")) {
			return fromData(rule, event.data());
		}
		return List.of(new Target.Unreachable(NO_KEY, "unknown recipient rule '" + rule + "'"));
	}

	private List<Target> fromProfile(Channel channel, UUID tenantId, CloudEventEnvelope event) {
		String subject = event.subject();
		if (subject == null || subject.isBlank()) {
			return List.of(new Target.Unreachable(NO_KEY, "the event has no subject to find the recipient by"));
		}
		Optional<Recipient> found = this.recipients.findByTenantIdAndExternalId(tenantId, subject);
		if (found.isEmpty()) {
			return List.of(new Target.Unreachable(subject, "no recipient profile with external id '" + subject + "'"));
		}
		Recipient profile = found.get();
		String optOut = optOut(profile, channel, event.type());
		if (optOut != null) {
			return List.of(new Target.OptedOut(subject, optOut));
		}
		return switch (channel) {
			case EMAIL ->
				(hasText(profile.getEmail())) ? List.of(new Target.Reachable(subject, profile.getEmail(), profile))
						: List.of(new Target.Unreachable(subject, "recipient '" + subject + "' has no e-mail address"));
			case PUSH -> pushTargets(subject, profile);
			case WEBHOOK -> throw new IllegalStateException("webhooks are resolved by endpoint");
		};
	}

	private static List<Target> pushTargets(String subject, Recipient profile) {
		List<String> tokens = list(profile.getPushTokens());
		if (tokens.isEmpty()) {
			return List.of(new Target.Unreachable(subject, "recipient '" + subject + "' has no push token"));
		}
		return tokens.stream().<Target>map((token) -> new Target.Reachable(token, token, profile)).toList();
	}

	private static String optOut(Recipient profile, Channel channel, String eventType) {
		if (list(profile.getOptOutChannels()).stream().anyMatch(channel.name()::equalsIgnoreCase)) {
			return "recipient opted out of the " + channel + " channel";
		}
		if (list(profile.getOptOutEventTypes()).contains(eventType)) {
			return "recipient opted out of " + eventType + " events";
		}
		return null;
	}

	private static List<Target> fromData(String pointer, JsonNode data) {
		JsonNode value;
		try {
			value = (data != null) ? data.at(JsonPointer.compile(pointer)) : null;
		}
		catch (IllegalArgumentException ex) {
			return List.of(new Target.Unreachable(pointer, "recipient rule '" + pointer + "' is not a JSON Pointer"));
		}
		List<Target> targets = new ArrayList<>();
		if (value != null && value.isArray()) {
			value.forEach((item) -> addAddress(targets, item));
		}
		else {
			addAddress(targets, value);
		}
		return (!targets.isEmpty()) ? targets
				: List.of(new Target.Unreachable(pointer, "the event data has no address at " + pointer));
	}

	private static void addAddress(List<Target> targets, JsonNode node) {
		if (node != null && node.isString() && !node.asString().isBlank()) {
			String address = node.asString().strip();
			targets.add(new Target.Reachable(address, address, null));
		}
	}

	private static List<String> list(String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return List.of();
		}
		return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	private static boolean hasText(String text) {
		return text != null && !text.isBlank();
	}

}
