package io.herald.core.recipient;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RecipientRepository extends JpaRepository<Recipient, UUID> {

	Optional<Recipient> findByTenantIdAndExternalId(UUID tenantId, String externalId);

}
