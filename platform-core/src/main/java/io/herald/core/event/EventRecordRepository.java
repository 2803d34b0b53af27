package io.herald.core.event;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EventRecordRepository extends JpaRepository<EventRecord, EventRecord.Key> {

	List<EventRecord> findTop100ByTenantIdOrderByReceivedAtDesc(UUID tenantId);

}
