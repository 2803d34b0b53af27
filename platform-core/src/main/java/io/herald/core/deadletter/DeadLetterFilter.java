package io.herald.core.deadletter;

import java.util.Locale;
import java.util.UUID;

/**
 * Which dead letters an operator lists or re-drives; every field narrows.
 *
 * @param tenantId only this tenant's (null: any, including letters without a tenant)
 * @param reason only letters whose reason contains this text, ignoring case
 */
public record DeadLetterFilter(UUID tenantId, String reason) {

	public boolean matches(DeadLetter letter) {
		if (this.tenantId != null && !this.tenantId.equals(letter.tenantId())) {
			return false;
		}
		if (this.reason == null || this.reason.isBlank()) {
			return true;
		}
		return letter.reason() != null
				&& letter.reason().toLowerCase(Locale.ROOT).contains(this.reason.strip().toLowerCase(Locale.ROOT));
	}

}
