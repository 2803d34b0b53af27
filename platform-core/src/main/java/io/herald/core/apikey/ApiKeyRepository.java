package io.herald.core.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

	Optional<ApiKey> findByPrefix(String prefix);

	List<ApiKey> findAllByTenantIdOrderByCreatedAtAsc(UUID tenantId);

	Optional<ApiKey> findByIdAndTenantId(UUID id, UUID tenantId);

	@Modifying
	@Query("update ApiKey k set k.lastUsedAt = :at where k.id = :id")
	int touch(UUID id, Instant at);

	/** A keyset page in creation order, after (createdAt, id). */
	@Query(value = "SELECT * FROM api_key WHERE tenant_id = :tenantId AND (created_at, id) > (:at, :id)"
			+ " ORDER BY created_at, id LIMIT :limit", nativeQuery = true)
	List<ApiKey> pageByCreation(UUID tenantId, Instant at, UUID id, int limit);

}
