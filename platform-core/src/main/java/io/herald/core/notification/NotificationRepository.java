package io.herald.core.notification;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationRepository extends JpaRepository<Notification, UUID> {

	Optional<Notification> findByIdAndTenantId(UUID id, UUID tenantId);

	List<Notification> findAllByTenantIdAndEventIdOrderByCreatedAtAsc(UUID tenantId, String eventId);

	List<Notification> findAllByTenantIdOrderByCreatedAtDesc(UUID tenantId, Pageable page);

	List<Notification> findAllByTenantIdAndStatusOrderByCreatedAtDesc(UUID tenantId, NotificationStatus status,
			Pageable page);

}
