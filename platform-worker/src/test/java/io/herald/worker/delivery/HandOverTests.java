package io.herald.worker.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
		List<UUID> first = handOver.take(10, (tenant) -> tenant.equals(this.tenantA) ? 2 : 64);

		assertThat(first).containsExactly(a.get(0), b.get(0), a.get(1), b.get(1));
		assertThat(handOver.size()).isEqualTo(2);
		assertThat(handOver.take(10, (tenant) -> 64)).containsExactly(a.get(2), a.get(3));
		assertThat(handOver.size()).isZero();
	}

	@Test
	void aTenantsBacklogDoesNotKeepAnotherTenantWaiting() {
		HandOver handOver = new HandOver(100);
		List<UUID> a = handOver(handOver, this.tenantA, 50);
		List<UUID> b = handOver(handOver, this.tenantB, 1);

		assertThat(handOver.take(2, (tenant) -> 64)).containsExactly(a.get(0), b.get(0));
		assertThat(handOver.take(100, (tenant) -> 64)).containsExactlyElementsOf(a.subList(1, 50));
	}

	@Test
	void takesNoMoreThanWanted() {
		HandOver handOver = new HandOver(100);
		List<UUID> ids = handOver(handOver, this.tenantA, 5);

		assertThat(handOver.take(3, (tenant) -> 64)).containsExactlyElementsOf(ids.subList(0, 3));
		assertThat(handOver.take(0, (tenant) -> 64)).isEmpty();
		assertThat(handOver.take(3, (tenant) -> 64)).containsExactlyElementsOf(ids.subList(3, 5));
	}

	@Test
	void rowsAClaimOfDueRowsTookAreNotAskedForAgain() {
		HandOver handOver = new HandOver(100);
		List<UUID> ids = handOver(handOver, this.tenantA, 6);
		handOver.take(1, (tenant) -> 64);

		// the claim of due rows took the oldest rows, the ones that wait here longest
		handOver.forget(ids.subList(0, 4));

		assertThat(handOver.take(10, (tenant) -> 64)).containsExactly(ids.get(4), ids.get(5));
	}

	@Test
	void whatDoesNotFitIsRefusedAndLeftToTheClaimOfDueRows() {
		HandOver handOver = new HandOver(3);
		handOver(handOver, this.tenantA, 3);

		assertThat(handOver.offer(new Queued(UUID.randomUUID(), this.tenantA))).isFalse();
		assertThat(handOver.take(2, (tenant) -> 64)).hasSize(2);
		assertThat(handOver.offer(new Queued(UUID.randomUUID(), this.tenantA))).isTrue();
		assertThat(handOver.size()).isEqualTo(2);

		handOver.clear();
		assertThat(handOver.size()).isZero();
		assertThat(handOver.take(10, (tenant) -> 64)).isEmpty();
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
