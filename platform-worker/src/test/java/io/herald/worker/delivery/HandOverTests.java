package io.herald.worker.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.herald.core.channel.Channel;
import io.herald.worker.fanout.NotificationsQueued.Queued;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's in-memory hand-over: oldest first, tenants in turns, a tenant's room
 * respected, and rows a claim of due rows took never asked for again by id (issue 9).
 */
class HandOverTests {

	private final UUID tenantA = UUID.randomUUID();

	private final UUID tenantB = UUID.randomUUID();

	@Test
	void rowsAreTakenOldestFirstAndATenantBeyondItsRoomKeepsWaiting() {
		HandOver handOver = new HandOver(100);
		List<UUID> a = handOver(handOver, this.tenantA, 4);
		List<UUID> b = handOver(handOver, this.tenantB, 2);

		// tenant A may start 2 more sends, tenant B any number
		List<UUID> first = handOver.take(10, (tenant) -> tenant.equals(this.tenantA) ? 2 : 64).ids();

		assertThat(first).containsExactly(a.get(0), b.get(0), a.get(1), b.get(1));
		assertThat(handOver.size()).isEqualTo(2);
		assertThat(handOver.take(10, (tenant) -> 64).ids()).containsExactly(a.get(2), a.get(3));
		assertThat(handOver.size()).isZero();
	}

	@Test
	void aTenantsBacklogDoesNotKeepAnotherTenantWaiting() {
		HandOver handOver = new HandOver(100);
		List<UUID> a = handOver(handOver, this.tenantA, 50);
		List<UUID> b = handOver(handOver, this.tenantB, 1);

		assertThat(handOver.take(2, (tenant) -> 64).ids()).containsExactly(a.get(0), b.get(0));
		assertThat(handOver.take(100, (tenant) -> 64).ids()).containsExactlyElementsOf(a.subList(1, 50));
	}

	@Test
	void takesNoMoreThanWanted() {
		HandOver handOver = new HandOver(100);
		List<UUID> ids = handOver(handOver, this.tenantA, 5);

		assertThat(handOver.take(3, (tenant) -> 64).ids()).containsExactlyElementsOf(ids.subList(0, 3));
		assertThat(handOver.take(0, (tenant) -> 64).ids()).isEmpty();
		assertThat(handOver.take(3, (tenant) -> 64).ids()).containsExactlyElementsOf(ids.subList(3, 5));
	}

	@Test
	void rowsAClaimOfDueRowsTookAreNotAskedForAgain() {
		HandOver handOver = new HandOver(100);
		List<UUID> ids = handOver(handOver, this.tenantA, 6);
		handOver.take(1, (tenant) -> 64);

		// the claim of due rows took the oldest rows, the ones that wait here longest
		handOver.forget(ids.subList(0, 4));

		assertThat(handOver.take(10, (tenant) -> 64).ids()).containsExactly(ids.get(4), ids.get(5));
	}

	@Test
	void whatDoesNotFitIsRefusedAndLeftToTheClaimOfDueRows() {
		HandOver handOver = new HandOver(3);
		handOver(handOver, this.tenantA, 3);

		assertThat(handOver.offer(new Queued(UUID.randomUUID(), this.tenantA))).isFalse();
		assertThat(handOver.take(2, (tenant) -> 64).ids()).hasSize(2);
		assertThat(handOver.offer(new Queued(UUID.randomUUID(), this.tenantA))).isTrue();
		assertThat(handOver.size()).isEqualTo(2);

		handOver.clear();
		assertThat(handOver.size()).isZero();
		assertThat(handOver.take(10, (tenant) -> 64).ids()).isEmpty();
	}

	@Test
	void rowsCreatedClaimedAreHandedOutReadyToSendInTurnsWithPendingOnes() {
		HandOver handOver = new HandOver(2, TimeUnit.SECONDS.toNanos(10));
		handOver(handOver, this.tenantA, 2);
		long leaseEnds = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		ClaimedNotification b1 = claimed(this.tenantB);
		ClaimedNotification b2 = claimed(this.tenantB);
		handOver.offerClaimed(b1, leaseEnds);
		// never refused: fan-out asked for room before it created the row claimed
		handOver.offerClaimed(b2, leaseEnds);
		assertThat(handOver.size()).isEqualTo(4);
		assertThat(handOver.claimedCount()).isEqualTo(2);
		assertThat(handOver.claimedIds()).containsExactlyInAnyOrder(b1.id(), b2.id());

		HandOver.Taken taken = handOver.take(3, (tenant) -> 64);

		assertThat(taken.toClaim()).hasSize(2);
		assertThat(taken.claimed()).containsExactly(b1);
		assertThat(handOver.claimedCount()).isEqualTo(1);
		assertThat(handOver.take(3, (tenant) -> 64).claimed()).containsExactly(b2);
		assertThat(handOver.size()).isZero();
	}

	@Test
	void aRowCreatedClaimedWhoseLeaseRunsOutIsDroppedUnlessItWasRenewed() {
		HandOver handOver = new HandOver(100, TimeUnit.SECONDS.toNanos(10));
		long soon = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		ClaimedNotification renewed = claimed(this.tenantA);
		ClaimedNotification stale = claimed(this.tenantA);
		handOver.offerClaimed(renewed, soon);
		handOver.offerClaimed(stale, soon);

		handOver.leased(List.of(renewed.id()), System.nanoTime() + TimeUnit.MINUTES.toNanos(5));
		HandOver.Taken taken = handOver.take(10, (tenant) -> 64);

		assertThat(taken.claimed()).containsExactly(renewed);
		assertThat(taken.dropped()).isEqualTo(1);
		assertThat(handOver.size()).isZero();
		assertThat(handOver.claimedCount()).isZero();
	}

	@Test
	void clearingReturnsTheRowsCreatedClaimedToRelease() {
		HandOver handOver = new HandOver(100);
		handOver(handOver, this.tenantA, 2);
		ClaimedNotification row = claimed(this.tenantB);
		handOver.offerClaimed(row, System.nanoTime() + TimeUnit.MINUTES.toNanos(5));

		assertThat(handOver.clear()).containsExactly(row.id());
		assertThat(handOver.size()).isZero();
		assertThat(handOver.claimedCount()).isZero();
	}

	private static ClaimedNotification claimed(UUID tenant) {
		return new ClaimedNotification(UUID.randomUUID(), tenant, "evt-1", "OrderPlaced", UUID.randomUUID(),
				Channel.WEBHOOK, "user-1", "http://127.0.0.1:1/hook", null, "{}", 1, "http://127.0.0.1:1/hook",
				"secret", "{}");
	}

	private static List<UUID> handOver(HandOver handOver, UUID tenant, int count) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			UUID id = UUID.randomUUID();
			assertThat(handOver.offer(new Queued(id, tenant))).isTrue();
			ids.add(id);
		}
		return ids;
	}

}
