package io.herald.core.deadletter;

import java.util.Locale;
import java.util.UUID;

/**
 * Which dead letters an operator lists or re-drives; every field narrows.
 *
 * @param tenantId only this tenant's (null: any, including letters without a tenant)
 * @param reason only letters whose reason contains this text, ignoring case (the API's
 * search); with {@code exactReason}, only letters whose reason is exactly this text
 * @param exactReason whether {@code reason} names a group (the console's groups are by
 * exact reason, '' being the letters without one) rather than a search: a group never
 * takes in letters of another reason whose text merely contains it
 * @param partition with {@code offset}, only the record at this partition and offset
 * @param offset see {@code partition}
 */
public record DeadLetterFilter(UUID tenantId, String reason, boolean exactReason, Integer partition, Long offset) {

	public DeadLetterFilter {
		if ((partition == null) != (offset == null)) {
			throw new IllegalArgumentException("A partition and an offset go together");
		}
		if (exactReason && reason == null) {
			reason = "";
		}
	}

	/** The API's filter: reason by "contains", ignoring case. */
	public DeadLetterFilter(UUID tenantId, String reason) {
		this(tenantId, reason, false, null, null);
	}

	/** The letters whose reason is exactly {@code reason} (null or '': none given). */
	public static DeadLetterFilter reasonGroup(UUID tenantId, String reason) {
		return new DeadLetterFilter(tenantId, (reason != null) ? reason : "", true, null, null);
	}

	/** The one letter at this partition and offset (if it is the tenant's, given one). */
	public static DeadLetterFilter record(UUID tenantId, int partition, long offset) {
		return new DeadLetterFilter(tenantId, null, false, partition, offset);
	}

	public boolean matches(DeadLetter letter) {
		if (this.tenantId != null && !this.tenantId.equals(letter.tenantId())) {
			return false;
		}
		if (this.partition != null && (letter.partition() != this.partition || letter.offset() != this.offset)) {
			return false;
		}
		if (this.exactReason) {
			return this.reason.equals((letter.reason() != null) ? letter.reason() : "");
		}
		if (this.reason == null || this.reason.isBlank()) {
			return true;
		}
		return letter.reason() != null
				&& letter.reason().toLowerCase(Locale.ROOT).contains(this.reason.strip().toLowerCase(Locale.ROOT));
	}

}
