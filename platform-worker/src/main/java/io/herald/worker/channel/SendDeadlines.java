package io.herald.worker.channel;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The longest time one send through any provider can take: the largest configured send
 * deadline plus the grace an aborted send gets to stop. Whoever hands out leases on
 * outbox rows must make them longer than this, so that no lease can expire while its send
 * is still running.
 */
public final class SendDeadlines {

	private final Supplier<List<ChannelProvider>> providers;

	SendDeadlines(Supplier<List<ChannelProvider>> providers) {
		this.providers = providers;
	}

	/** The longest a send can take, grace included. */
	public Duration longest() {
		Duration deadline = this.providers.get()
			.stream()
			.map(ChannelProvider::sendDeadline)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
		return deadline.plus(SendDeadline.ABORT_GRACE);
	}

}
