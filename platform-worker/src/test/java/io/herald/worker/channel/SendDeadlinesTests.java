package io.herald.worker.channel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.herald.core.channel.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What the dispatcher reads to size its leases.
 */
class SendDeadlinesTests {

	@Test
	void theLongestSendIsTheLargestDeadlinePlusTheAbortGrace() {
		SendDeadlines deadlines = new SendDeadlines(
				() -> List.of(provider(Duration.ofSeconds(30)), provider(Duration.ofSeconds(45)), provider(null)));

		assertThat(deadlines.longest()).isEqualTo(Duration.ofSeconds(45).plus(SendDeadline.ABORT_GRACE));
	}

	@Test
	void aSendThatFinishesInTimeKeepsItsResultAndItsFailure() throws Exception {
		SendDeadline deadline = new SendDeadline(Duration.ofSeconds(5));

		assertThat(deadline.run(() -> "sent", () -> {
		})).isEqualTo("sent");
		assertThatIOException().isThrownBy(() -> deadline.run(() -> {
			throw new IOException("refused");
		}, () -> {
		})).withMessage("refused");
	}

	private static ChannelProvider provider(Duration deadline) {
		return new ChannelProvider() {

			@Override
			public boolean supports(Channel channel, String configuredProvider) {
				return false;
			}

			@Override
			public DeliveryOutcome send(OutboundMessage message) {
				return new DeliveryOutcome.Sent(null, null);
			}

			@Override
			public Duration sendDeadline() {
				return (deadline != null) ? deadline : ChannelProvider.super.sendDeadline();
			}

		};
	}

}
