package io.herald.local.bench;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's accounting: what counts as lost, duplicated, rejected and stray, and
 * latency from the scheduled send time.
 */
class TrackerTests {

	@Test
	void everyNotificationOnceIsNeitherLostNorDuplicated() {
		Tracker tracker = new Tracker("r1", 2, 2);
		tracker.scheduled(0, 1_000_000);
		tracker.scheduled(1, 2_000_000);
		tracker.receive("r1-0", 0, "a", 5_000_000);
		tracker.receive("r1-0", 1, "b", 6_000_000);
		tracker.receive("r1-1", 0, "c", 7_000_000);
		tracker.receive("r1-1", 1, "d", 8_000_000);

		assertThat(tracker.delivered()).isEqualTo(4);
		assertThat(tracker.lost()).isZero();
		assertThat(tracker.duplicated()).isZero();
		assertThat(tracker.latencies((index) -> true)).containsExactly(4_000_000, 5_000_000, 5_000_000, 6_000_000);
	}

	@Test
	void latenciesOverTimeAreSlicedByScheduledSendTime() {
		Tracker tracker = new Tracker("r1", 4, 1);
		long second = 1_000_000_000L;
		tracker.scheduled(0, 100 * second);
		tracker.scheduled(1, 105 * second);
		tracker.scheduled(2, 112 * second);
		tracker.scheduled(3, 131 * second);
		tracker.receive("r1-0", 0, "a", 100 * second + 40_000_000);
		tracker.receive("r1-1", 0, "b", 105 * second + 10_000_000);
		tracker.receive("r1-3", 0, "d", 131 * second + 7_000_000);

		// 0-10 s: events 0 and 1; 10-20 s: event 2, not delivered; 20-30 s: none; 30-40
		// s: event 3
		assertThat(tracker.slices(10 * second)).satisfiesExactly(
				(slice) -> assertThat(slice).containsExactly(10_000_000, 40_000_000),
				(slice) -> assertThat(slice).isEmpty(), (slice) -> assertThat(slice).isEmpty(),
				(slice) -> assertThat(slice).containsExactly(7_000_000));
	}

	@Test
	void theSlowestSecondsAreNamedByWallClockInTimeOrder() {
		long second = 1_000_000_000L;
		long millis = 1_000_000L;
		Instant anchor = Instant.parse("2026-12-02T15:00:00Z");
		// nanoTime 50 s was read at 15:00:00, so the run's first send (100 s) was at
		// 15:00:50
		Tracker tracker = new Tracker("r1", 5, 1, 50 * second, anchor);
		long[] scheduled = { 100 * second, 101 * second, 102 * second + 500 * millis, 103 * second, 104 * second };
		long[] latency = { 30 * millis, 400 * millis, 20 * millis, 900 * millis, 10 * millis };
		for (int index = 0; index < scheduled.length; index++) {
			tracker.scheduled(index, scheduled[index]);
			tracker.receive("r1-" + index, 0, "h" + index, scheduled[index] + latency[index]);
		}

		assertThat(tracker.instant(100 * second)).isEqualTo(Instant.parse("2026-12-02T15:00:50Z"));
		assertThat(tracker.slowestSeconds(3)).satisfiesExactly((slowest) -> {
			assertThat(slowest.from()).isEqualTo(Instant.parse("2026-12-02T15:00:50Z"));
			assertThat(slowest.latencies()).containsExactly(30 * millis);
		}, (slowest) -> {
			assertThat(slowest.offset()).isEqualTo(1);
			assertThat(slowest.latencies()).containsExactly(400 * millis);
		}, (slowest) -> {
			assertThat(slowest.from()).isEqualTo(Instant.parse("2026-12-02T15:00:53Z"));
			assertThat(slowest.max()).isEqualTo(900 * millis);
		});
	}

	@Test
	void aMissingNotificationIsLostAndASecondDeliveryIsADuplicate() {
		Tracker tracker = new Tracker("r1", 2, 1);
		tracker.receive("r1-0", 0, "a", 5);
		tracker.receive("r1-0", 0, "a", 6);

		assertThat(tracker.lost()).isEqualTo(1);
		assertThat(tracker.duplicated()).isEqualTo(1);
		assertThat(tracker.delivered()).isEqualTo(1);
	}

	@Test
	void aResendUnderANewWebhookIdForTheSameNotificationSlotIsADuplicate() {
		Tracker tracker = new Tracker("r1", 1, 1);
		tracker.receive("r1-0", 0, "a", 5);
		tracker.receive("r1-0", 0, "b", 6);

		assertThat(tracker.duplicated()).isEqualTo(1);
	}

	@Test
	void rejectedEventsAreNotExpectedAndWarmUpOrForeignDeliveriesAreNotCounted() {
		Tracker tracker = new Tracker("r2", 2, 1);
		tracker.rejected(1);
		tracker.receive("r2-0", 0, "a", 5);
		tracker.receive("r2-w3", 0, "w", 5);
		tracker.receive("r1-0", 0, "x", 5);
		tracker.receive("r2-0", 7, "y", 5);

		assertThat(tracker.expected()).isEqualTo(1);
		assertThat(tracker.lost()).isZero();
		assertThat(tracker.warmupDelivered()).isEqualTo(1);
		assertThat(tracker.stray()).isEqualTo(2);
	}

	@Test
	void theNoisyTenantGetsTenEventsForEachOneOfEveryQuietTenant() {
		int[] perTenant = new int[10];
		for (int index = 0; index < 19 * 100; index++) {
			perTenant[Scenario.NOISY_TENANT.tenantOf(index)]++;
		}
		assertThat(perTenant[0]).isEqualTo(1000);
		for (int tenant = 1; tenant < 10; tenant++) {
			assertThat(perTenant[tenant]).isEqualTo(100);
		}
	}

	@Test
	void theReceiverFindsTheEventIdInHeraldsWebhookBody() {
		assertThat(Receiver.eventId("{\"notificationId\":\"n\",\"eventId\":\"r1-42\",\"eventType\":\"OrderPlaced\"}"))
			.isEqualTo("r1-42");
		assertThat(Receiver.eventId("{}")).isNull();
	}

}
