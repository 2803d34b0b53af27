package io.herald.core.deadletter;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of which dead letters were re-driven (by topic, partition and offset) and
 * the audit of a re-drive; the API's re-drive reads the topic and publishes, this keeps
 * it from re-publishing a letter twice (decision 0069). Knows no Kafka types.
 */
@Service
public class DeadLetterRedrives {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	DeadLetterRedrives(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** Which of these letters were re-driven already, as {@code partition:offset}. */
	@Transactional(readOnly = true)
	public Set<String> redriven(String topic, Collection<DeadLetter> letters) {
		if (letters.isEmpty()) {
			return Set.of();
		}
		Set<Integer> partitions = new HashSet<>();
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (DeadLetter letter : letters) {
			partitions.add(letter.partition());
			min = Math.min(min, letter.offset());
			max = Math.max(max, letter.offset());
		}
		return new HashSet<>(this.jdbc.sql("""
				SELECT dlq_partition || ':' || dlq_offset FROM dead_letter_redrive
				WHERE topic = :topic AND dlq_partition IN (:partitions) AND dlq_offset BETWEEN :min AND :max""")
			.param("topic", topic)
			.param("partitions", partitions)
			.param("min", min)
			.param("max", max)
			.query(String.class)
			.list());
	}

	/**
	 * Records the letter as re-driven, in the caller's transaction (which publishes it
	 * before committing).
	 * @return false when it was re-driven already (by an earlier or a concurrent
	 * re-drive): do not publish it
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean claim(String topic, DeadLetter letter, Actor actor) {
		return this.jdbc.sql("""
				INSERT INTO dead_letter_redrive (topic, dlq_partition, dlq_offset, tenant_id, event_id, redriven_by)
				VALUES (:topic, :partition, :offset, :tenantId, :eventId, :actor)
				ON CONFLICT DO NOTHING""")
			.param("topic", topic)
			.param("partition", letter.partition())
			.param("offset", letter.offset())
			.param("tenantId", letter.tenantId())
			.param("eventId", truncate(letter.eventId()))
			.param("actor", actor.name())
			.update() == 1;
	}

	/** The audit entry of a re-drive that was not a dry run. */
	@Transactional
	public void audited(Actor actor, String topic, DeadLetterFilter filter, RedriveResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		Map<String, Object> criteria = new LinkedHashMap<>();
		if (filter.tenantId() != null) {
			criteria.put("tenantId", filter.tenantId().toString());
		}
		if (filter.exactReason()) {
			criteria.put("reasonIs", filter.reason());
		}
		else if (filter.reason() != null && !filter.reason().isBlank()) {
			criteria.put("reason", filter.reason());
		}
		if (filter.partition() != null) {
			criteria.put("partition", filter.partition());
			criteria.put("offset", filter.offset());
		}
		details.put("filter", criteria);
		details.put("matched", result.matched());
		details.put("republished", result.republished());
		details.put("alreadyRedriven", result.alreadyRedriven());
		details.put("scanned", result.scanned());
		if (result.truncated()) {
			details.put("truncated", true);
		}
		this.audit.append(actor, filter.tenantId(), "dead_letters.redriven", "dead_letter_topic", topic, details);
	}

	private static String truncate(String eventId) {
		return (eventId == null || eventId.length() <= 255) ? eventId : eventId.substring(0, 255);
	}

}
