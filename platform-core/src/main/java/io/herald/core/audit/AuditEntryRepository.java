package io.herald.core.audit;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Audit ids are handed out in blocks per app instance, so order by time, then id.
 */
public interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

	List<AuditEntry> findAllByTenantIdAndEntityTypeAndEntityIdOrderByCreatedAtAscIdAsc(UUID tenantId, String entityType,
			String entityId);

}
