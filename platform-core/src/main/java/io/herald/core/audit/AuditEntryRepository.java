package io.herald.core.audit;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

	List<AuditEntry> findAllByTenantIdAndEntityTypeAndEntityIdOrderByIdAsc(UUID tenantId, String entityType,
			String entityId);

	List<AuditEntry> findTop100ByTenantIdOrderByIdDesc(UUID tenantId);

}
