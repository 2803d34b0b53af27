package io.herald.api.recipient;

import java.time.Instant;
import java.util.List;

import io.herald.core.recipient.Recipient;

record RecipientResponse(String externalId, String email, String phone, List<String> pushTokens, String locale,
		String timeZone, OptOut optOut, Instant createdAt, Instant updatedAt) {

	static RecipientResponse of(Recipient recipient) {
		return new RecipientResponse(recipient.getExternalId(), recipient.getEmail(), recipient.getPhone(),
				CommaList.split(recipient.getPushTokens()), recipient.getLocale(), recipient.getTimeZone(),
				new OptOut(CommaList.split(recipient.getOptOutChannels()),
						CommaList.split(recipient.getOptOutEventTypes())),
				recipient.getCreatedAt(), recipient.getUpdatedAt());
	}

	record OptOut(List<String> channels, List<String> eventTypes) {
	}

}
