package io.herald.worker.channel;

import java.time.Duration;

/**
 * How one attempt against a provider ended. Error text reaches the tenant (attempt error,
 * status reason), so it is shaped in one place: {@link ProviderErrors#clean} makes it one
 * short line.
 */
public sealed interface DeliveryOutcome {

	/**
	 * Accepted by the provider; {@code providerMessageId} is its id (operation id,
	 * message id).
	 */
	record Sent(String providerMessageId, Integer httpStatus) implements DeliveryOutcome {
	}

	/**
	 * A transient failure: try again later, not before {@code retryAfter} when the
	 * provider said so ({@code null} otherwise).
	 */
	record Retry(String error, Integer httpStatus, Duration retryAfter) implements DeliveryOutcome {

		public Retry {
			error = ProviderErrors.clean(error);
		}

	}

	/** A failure that retrying cannot fix (invalid address, 4xx, unregistered token). */
	record Permanent(String error, Integer httpStatus) implements DeliveryOutcome {

		public Permanent {
			error = ProviderErrors.clean(error);
		}

	}

}
