package io.herald.core.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface SandboxMessageRepository extends JpaRepository<SandboxMessage, UUID> {

	List<SandboxMessage> findAllByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable page);

	/** A keyset page of a tenant's messages, newest first, before (createdAt, id). */
	@Query(value = "SELECT * FROM sandbox_message WHERE tenant_id = :tenantId AND (created_at, id) < (:at, :id)"
			+ " ORDER BY created_at DESC, id DESC LIMIT :limit", nativeQuery = true)
	List<SandboxMessage> pageNewestFirst(UUID tenantId, Instant at, UUID id, int limit);

}
