package io.herald.core.recipient;

import java.time.Instant;
import java.util.List;

/**
 * A recipient's profile as callers see it.
 */
public record RecipientView(String externalId, String email, String phone, List<String> pushTokens, String locale,
		String timeZone, OptOut optOut, Instant createdAt, Instant updatedAt) {

	static RecipientView of(Recipient recipient) {
		return new RecipientView(recipient.getExternalId(), recipient.getEmail(), recipient.getPhone(),
				recipient.pushTokens(), recipient.getLocale(), recipient.getTimeZone(),
				new OptOut(recipient.optOutChannels(), recipient.optOutEventTypes()), recipient.getCreatedAt(),
				recipient.getUpdatedAt());
	}

	public record OptOut(List<String> channels, List<String> eventTypes) {
	}

	/**
	 * The answer to an upsert.
	 *
	 * @param recipient the stored profile
	 * @param created whether it is new (rather than replaced)
	 */
	public record Upserted(RecipientView recipient, boolean created) {
	}

}
