package io.herald.core.eventtype;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EventTypeRepository extends JpaRepository<EventType, UUID> {

	Optional<EventType> findByTenantIdAndName(UUID tenantId, String name);

	Optional<EventType> findByIdAndTenantId(UUID id, UUID tenantId);

	boolean existsByTenantIdAndName(UUID tenantId, String name);

	List<EventType> findAllByTenantIdOrderByNameAsc(UUID tenantId);

}
