package io.herald.worker.channel;

import java.time.Duration;

/**
 * Bounds of the provider-client caches (one client per tenant credential): a worker keeps
 * at most this many per provider, and drops one that was not used for this long.
 */
final class ProviderClients {

	static final int MAX_CLIENTS = 1_000;

	static final Duration IDLE_TIMEOUT = Duration.ofHours(1);

	private ProviderClients() {
	}

}
