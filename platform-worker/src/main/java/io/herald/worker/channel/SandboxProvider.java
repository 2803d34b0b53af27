package io.herald.worker.channel;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.sandbox.SandboxMessage;
import jakarta.persistence.EntityManager;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local mode's sandbox inbox: EMAIL and PUSH notifications of tenants without a
 * configured provider are stored in {@code sandbox_message} instead of being sent, and
 * count as sent. Only active with {@code herald.channels.sandbox.enabled=true}. One row
 * per notification: a resend finds the row already there (a transaction-scoped advisory
 * lock on the notification id makes check-then-insert safe across workers).
 */
public class SandboxProvider implements ChannelProvider {

	private final boolean enabled;

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final Clock clock;

	SandboxProvider(boolean enabled, EntityManager entityManager, TransactionTemplate transaction, Clock clock) {
		this.enabled = enabled;
		this.entityManager = entityManager;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public boolean supports(Channel channel, String configuredProvider) {
		return this.enabled && configuredProvider == null && (channel == Channel.EMAIL || channel == Channel.PUSH);
	}

	@Override
	public DeliveryOutcome send(OutboundMessage message) {
		try {
			UUID id = this.transaction.execute((status) -> store(message));
			return new DeliveryOutcome.Sent("sandbox:" + id, null);
		}
		catch (DataAccessException ex) {
			return new DeliveryOutcome.Retry("Sandbox inbox unavailable: " + ex.getMostSpecificCause(), null, null);
		}
	}

	private UUID store(OutboundMessage message) {
		this.entityManager
			.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) l")
			.setParameter("key", "herald.sandbox:" + message.notificationId())
			.getSingleResult();
		List<UUID> existing = this.entityManager
			.createQuery("select s.id from SandboxMessage s where s.notificationId = :notification", UUID.class)
			.setParameter("notification", message.notificationId())
			.getResultList();
		if (!existing.isEmpty()) {
			return existing.get(0);
		}
		String to = (message.address() != null) ? message.address() : message.recipient();
		SandboxMessage stored = new SandboxMessage(message.tenantId(), message.notificationId(), message.channel(), to,
				message.subject(), message.body(), this.clock.instant());
		this.entityManager.persist(stored);
		return stored.getId();
	}

}
