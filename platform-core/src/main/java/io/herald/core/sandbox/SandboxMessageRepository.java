package io.herald.core.sandbox;

import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SandboxMessageRepository extends JpaRepository<SandboxMessage, UUID> {

	List<SandboxMessage> findAllByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable page);

}
