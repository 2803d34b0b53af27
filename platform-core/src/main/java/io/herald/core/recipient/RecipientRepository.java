package io.herald.core.recipient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface RecipientRepository extends JpaRepository<Recipient, UUID> {

	Optional<Recipient> findByTenantIdAndExternalId(UUID tenantId, String externalId);

	/** A keyset page by external id, after the one given ('' first). */
	@Query(value = "SELECT * FROM recipient WHERE tenant_id = :tenantId AND external_id > :after"
			+ " ORDER BY external_id LIMIT :limit", nativeQuery = true)
	List<Recipient> pageByExternalId(UUID tenantId, String after, int limit);

}
