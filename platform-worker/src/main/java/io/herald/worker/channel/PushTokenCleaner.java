package io.herald.worker.channel;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.herald.core.recipient.Recipient;
import jakarta.persistence.EntityManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes a push token that FCM reported as unregistered from every recipient of the
 * tenant holding it — the subject's profile when the recipient rule is {@code "subject"},
 * whichever profiles list it when the token came straight from event data. Rows are
 * locked so that a concurrent profile update is not lost.
 */
final class PushTokenCleaner {

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PushTokenCleaner(EntityManager entityManager, TransactionTemplate transaction, Clock clock) {
		this.entityManager = entityManager;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * @return how many recipients held the token
	 */
	int remove(UUID tenantId, String token) {
		Integer removed = this.transaction.execute((status) -> {
			@SuppressWarnings("unchecked")
			List<Recipient> holders = this.entityManager
				.createNativeQuery("select * from recipient where tenant_id = :tenant"
						+ " and push_tokens like :pattern escape '!' for update", Recipient.class)
				.setParameter("tenant", tenantId)
				.setParameter("pattern", "%" + escapeLike(token) + "%")
				.getResultList();
			int count = 0;
			for (Recipient recipient : holders) {
				if (recipient.removePushToken(token, this.clock.instant())) {
					count++;
				}
			}
			return count;
		});
		return (removed != null) ? removed : 0;
	}

	private static String escapeLike(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

}
