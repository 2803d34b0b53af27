package io.herald.core.eventtype;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface EventTypeRepository extends JpaRepository<EventType, UUID> {

	Optional<EventType> findByTenantIdAndName(UUID tenantId, String name);

	Optional<EventType> findByIdAndTenantId(UUID id, UUID tenantId);

	boolean existsByTenantIdAndName(UUID tenantId, String name);

	List<EventType> findAllByTenantIdOrderByNameAsc(UUID tenantId);

	/** A keyset page by name: the tenant's types named after {@code after} ('' first). */
	@Query(value = "SELECT * FROM event_type WHERE tenant_id = :tenantId AND name > :after ORDER BY name LIMIT :limit",
			nativeQuery = true)
	List<EventType> pageByName(UUID tenantId, String after, int limit);

	/** Whether a subscription (enabled or not) refers to the type. */
	@Query(value = "SELECT EXISTS (SELECT 1 FROM subscription WHERE tenant_id = :tenantId AND event_type_id = :id)",
			nativeQuery = true)
	boolean isSubscribed(UUID tenantId, UUID id);

}
