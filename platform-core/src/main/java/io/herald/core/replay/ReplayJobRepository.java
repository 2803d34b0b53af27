package io.herald.core.replay;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ReplayJobRepository extends JpaRepository<ReplayJob, UUID> {

	Optional<ReplayJob> findByIdAndTenantId(UUID id, UUID tenantId);

	List<ReplayJob> findAllByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable page);

	List<ReplayJob> findAllByOrderByCreatedAtDesc(Pageable page);

	/** A keyset page of a tenant's jobs, newest first, before (createdAt, id). */
	@Query(value = "SELECT * FROM replay_job WHERE tenant_id = :tenantId AND (created_at, id) < (:at, :id)"
			+ " ORDER BY created_at DESC, id DESC LIMIT :limit", nativeQuery = true)
	List<ReplayJob> pageNewestFirst(UUID tenantId, Instant at, UUID id, int limit);

	/** A keyset page of every job, newest first, before (createdAt, id). */
	@Query(value = "SELECT * FROM replay_job WHERE (created_at, id) < (:at, :id)"
			+ " ORDER BY created_at DESC, id DESC LIMIT :limit", nativeQuery = true)
	List<ReplayJob> pageAllNewestFirst(Instant at, UUID id, int limit);

}
