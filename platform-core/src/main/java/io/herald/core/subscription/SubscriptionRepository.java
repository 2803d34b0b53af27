package io.herald.core.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface SubscriptionRepository extends JpaRepository<Subscription, UUID> {

	Optional<Subscription> findByIdAndTenantId(UUID id, UUID tenantId);

	List<Subscription> findAllByTenantIdOrderByCreatedAtAsc(UUID tenantId);

	List<Subscription> findAllByTenantIdAndEventTypeIdAndEnabledTrue(UUID tenantId, UUID eventTypeId);

	List<Subscription> findAllByTenantIdAndEventTypeIdOrderByCreatedAtAsc(UUID tenantId, UUID eventTypeId);

	@Query("select max(s.updatedAt) from Subscription s")
	Optional<Instant> lastChange();

	/** A keyset page in creation order, after (createdAt, id). */
	@Query(value = "SELECT * FROM subscription WHERE tenant_id = :tenantId AND (created_at, id) > (:at, :id)"
			+ " ORDER BY created_at, id LIMIT :limit", nativeQuery = true)
	List<Subscription> pageByCreation(UUID tenantId, Instant at, UUID id, int limit);

}
