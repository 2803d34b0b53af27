package io.herald.core.replay;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReplayJobRepository extends JpaRepository<ReplayJob, UUID> {

	Optional<ReplayJob> findByIdAndTenantId(UUID id, UUID tenantId);

	List<ReplayJob> findAllByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable page);

	List<ReplayJob> findAllByOrderByCreatedAtDesc(Pageable page);

}
