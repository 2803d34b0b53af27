package io.herald.local.invariants;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The suite's checks after the drain: the notification rows of both tenants, what the
 * receiver accepted, and what {@code herald.events.dlq} holds, counted per fault.
 */
final class Verification {

	static final String DLQ_TOPIC = "herald.events.dlq";

	private static final Pattern POISON_ID = Pattern.compile("poison-[a-z0-9]+-\\d+-\\d+");

	private static final int SAMPLES = 10;

	/** One notification row. */
	record Row(UUID id, String eventId, UUID subscriptionId, String recipient, String status, int attempts,
			String reason) {
	}

	/** The counts of one fault's share of the run. */
	static final class Counts {

		final Fault fault;

		int events;

		int expectedDead;

		int poison;

		int rows;

		int sent;

		int dead;

		int wrong;

		int seen;

		int notSeen;

		int duplicates;

		int dlqPoison;

		Counts(Fault fault) {
			this.fault = fault;
		}

	}

	/** What the checks found. */
	record Result(List<Counts> counts, Counts total, List<String> violations, int crashes, int duplicateBound,
			int duplicatesAfterCrash, int duplicatesAfterNoAnswer, int dlqOther, long refused, long timedOut) {

		boolean passed() {
			return this.violations.isEmpty();
		}

	}

	static Result verify(SuitePlan plan, SuiteTenants tenants, InvariantStack stack, FaultReceiver receiver,
			Set<String> publishFailures) throws SQLException {
		List<Counts> counts = new ArrayList<>();
		plan.faults().forEach((fault) -> counts.add(new Counts(fault)));
		List<String> violations = new ArrayList<>();
		Map<String, List<Row>> rowsByEvent = new HashMap<>();
		Set<String> storedEvents = new HashSet<>();
		readRows(stack, tenants, rowsByEvent, storedEvents);
		Map<UUID, String> eventOfRow = new HashMap<>();
		rowsByEvent.forEach((eventId, rows) -> rows.forEach((row) -> eventOfRow.put(row.id(), eventId)));
		Map<String, AtomicInteger> accepted = receiver.accepted();

		Problems problems = new Problems(violations);
		for (String failed : publishFailures) {
			problems.add("not published (the producer gave up)", failed);
		}
		for (int event = 0; event < plan.events(); event++) {
			String eventId = plan.eventId(event);
			Counts fault = counts.get(plan.faultOf(event));
			fault.events++;
			boolean doomed = plan.doomed(event);
			if (doomed) {
				fault.expectedDead++;
			}
			List<Row> rows = rowsByEvent.getOrDefault(eventId, List.of());
			fault.rows += rows.size();
			if (rows.size() != 1) {
				fault.wrong++;
				problems.add(
						(rows.isEmpty() ? "no notification row" : rows.size() + " notification rows")
								+ (storedEvents.contains(eventId) ? " (event stored)" : " (event not stored)"),
						eventId);
				continue;
			}
			Row row = rows.get(0);
			String expected = doomed ? "DEAD" : "SENT";
			if (row.status().equals("SENT")) {
				fault.sent++;
			}
			else if (row.status().equals("DEAD")) {
				fault.dead++;
			}
			if (!row.status().equals(expected)) {
				fault.wrong++;
				problems.add("ended " + row.status() + " instead of " + expected, eventId + " notification " + row.id()
						+ " after " + row.attempts() + " attempts: " + row.reason());
			}
			if (row.status().equals("SENT")) {
				if (accepted.containsKey(row.id().toString())) {
					fault.seen++;
				}
				else {
					fault.notSeen++;
					problems.add("SENT but its webhook-id never reached the receiver", eventId + " " + row.id());
				}
			}
		}
		rowsByEvent.keySet()
			.stream()
			.filter((eventId) -> plan.eventOfId(eventId) < 0)
			.forEach((eventId) -> problems.add("a notification row for an event the suite never published", eventId));

		Map<UUID, Integer> duplicated = new HashMap<>();
		accepted.forEach((webhookId, times) -> {
			String eventId = eventOfRow.get(uuidOrNull(webhookId));
			if (eventId == null) {
				problems.add("the receiver accepted a webhook-id that is no notification of the suite", webhookId);
				return;
			}
			if (times.get() > 1) {
				counts.get(plan.faultOf(plan.eventOfId(eventId))).duplicates += times.get() - 1;
				duplicated.put(UUID.fromString(webhookId), times.get() - 1);
			}
		});
		Explained explained = explain(stack, duplicated, problems);
		receiver.webhookIdsByEvent().forEach((eventId, ids) -> {
			if (ids.size() > 1) {
				problems.add("one event reached the receiver under " + ids.size() + " webhook-ids",
						eventId + " " + ids);
			}
		});

		int dlqOther = readDeadLetters(plan, stack, counts, problems);
		for (int index = 0; index < plan.faults().size(); index++) {
			Counts fault = counts.get(index);
			fault.poison = plan.poisonPerFault();
			if (fault.dlqPoison != fault.poison) {
				problems.add("poison records of this fault in the DLQ: " + fault.dlqPoison + " of " + fault.poison,
						fault.fault.label());
			}
		}

		int crashes = stack.crashes();
		int bound = crashes * InvariantStack.WORKER_CONCURRENCY;
		Counts total = total(counts);
		if (explained.afterCrash() > bound) {
			problems.add(
					"duplicate arrivals after a crash exceed the bound of " + bound + " (" + crashes + " crashes × "
							+ InvariantStack.WORKER_CONCURRENCY + " sends in flight per worker)",
					String.valueOf(explained.afterCrash()));
		}
		stack.deadApps().forEach((app) -> problems.add("an app process died", app));
		problems.close();
		return new Result(counts, total, List.copyOf(violations), crashes, bound, explained.afterCrash(),
				explained.afterNoAnswer(), dlqOther, receiver.refused(), receiver.timedOut());
	}

	/**
	 * How many duplicate arrivals followed a send that its worker could not have known
	 * was accepted. A second accepted request for one {@code webhook-id} means the worker
	 * sent again after the receiver had accepted, which it does only when it recorded
	 * that attempt without an answer: lost (its worker died before recording, so the
	 * lease ran out) or unanswered (timeout or connection error after the request was
	 * written, the receiver's 204 never read). Every duplicate must be matched by one of
	 * those attempts of the same notification; a duplicate without one is a bug.
	 */
	private static Explained explain(InvariantStack stack, Map<UUID, Integer> duplicated, Problems problems)
			throws SQLException {
		if (duplicated.isEmpty()) {
			return new Explained(0, 0);
		}
		Map<UUID, int[]> unanswered = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), "");
				PreparedStatement query = connection.prepareStatement(
						"SELECT notification_id," + " count(*) FILTER (WHERE error LIKE 'no result recorded%'),"
								+ " count(*) FILTER (WHERE error NOT LIKE 'no result recorded%')"
								+ " FROM delivery_attempt WHERE notification_id = ANY (?) AND outcome <> 'SENT'"
								+ " AND http_status IS NULL GROUP BY notification_id")) {
			query.setArray(1, connection.createArrayOf("uuid", duplicated.keySet().toArray()));
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					unanswered.put(result.getObject(1, UUID.class), new int[] { result.getInt(2), result.getInt(3) });
				}
			}
		}
		int afterCrash = 0;
		int afterNoAnswer = 0;
		for (Map.Entry<UUID, Integer> entry : duplicated.entrySet()) {
			int[] attempts = unanswered.getOrDefault(entry.getKey(), new int[2]);
			int duplicates = entry.getValue();
			int crash = Math.min(duplicates, attempts[0]);
			int noAnswer = Math.min(duplicates - crash, attempts[1]);
			afterCrash += crash;
			afterNoAnswer += noAnswer;
			if (crash + noAnswer < duplicates) {
				problems.add("a duplicate arrival without a lost or unanswered attempt before it",
						entry.getKey() + " (" + duplicates + " duplicates, " + attempts[0] + " lost and " + attempts[1]
								+ " unanswered attempts)");
			}
		}
		return new Explained(afterCrash, afterNoAnswer);
	}

	private record Explained(int afterCrash, int afterNoAnswer) {
	}

	private static void readRows(InvariantStack stack, SuiteTenants tenants, Map<String, List<Row>> rowsByEvent,
			Set<String> storedEvents) throws SQLException {
		try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), "")) {
			try (PreparedStatement query = connection
				.prepareStatement("SELECT id, event_id, subscription_id, recipient, status, attempts, status_reason"
						+ " FROM notification WHERE tenant_id IN (?, ?)")) {
				query.setObject(1, tenants.ok());
				query.setObject(2, tenants.doomed());
				query.setFetchSize(5_000);
				connection.setAutoCommit(false);
				try (ResultSet result = query.executeQuery()) {
					while (result.next()) {
						Row row = new Row(result.getObject(1, UUID.class), result.getString(2),
								result.getObject(3, UUID.class), result.getString(4), result.getString(5),
								result.getInt(6), result.getString(7));
						rowsByEvent.computeIfAbsent(row.eventId(), (id) -> new ArrayList<>(1)).add(row);
					}
				}
			}
			try (PreparedStatement query = connection
				.prepareStatement("SELECT event_id FROM event WHERE tenant_id IN (?, ?)")) {
				query.setObject(1, tenants.ok());
				query.setObject(2, tenants.doomed());
				query.setFetchSize(5_000);
				try (ResultSet result = query.executeQuery()) {
					while (result.next()) {
						storedEvents.add(result.getString(1));
					}
				}
			}
			connection.commit();
		}
	}

	/**
	 * Reads the whole DLQ; counts this run's poison per fault and returns how many
	 * records are anything else.
	 */
	private static int readDeadLetters(SuitePlan plan, InvariantStack stack, List<Counts> counts, Problems problems) {
		int other = 0;
		Set<String> seen = new HashSet<>();
		for (ConsumerRecord<byte[], byte[]> record : deadLetters(stack.kafkaBootstrapServers())) {
			String value = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : "";
			Matcher matcher = POISON_ID.matcher(value);
			String poisonId = matcher.find() ? matcher.group() : null;
			int fault = plan.faultOfId(poisonId);
			if (fault < 0) {
				other++;
				problems.add("a dead letter that is not injected poison", "partition " + record.partition() + " offset "
						+ record.offset() + ": " + header(record, "herald-dlq-reason"));
			}
			else if (!seen.add(poisonId)) {
				problems.add("poison dead-lettered twice", poisonId);
			}
			else {
				counts.get(fault).dlqPoison++;
			}
		}
		return other;
	}

	static List<ConsumerRecord<byte[], byte[]>> deadLetters(String bootstrapServers) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(DLQ_TOPIC, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(DLQ_TOPIC, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}
		return records;
	}

	/** How many dead letters there are now (for the drain). */
	static int deadLetterCount(String bootstrapServers) {
		return deadLetters(bootstrapServers).size();
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "(no " + name + ")";
	}

	private static UUID uuidOrNull(String text) {
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Counts total(List<Counts> counts) {
		Counts total = new Counts(null);
		for (Counts fault : counts) {
			total.events += fault.events;
			total.expectedDead += fault.expectedDead;
			total.poison += fault.poison;
			total.rows += fault.rows;
			total.sent += fault.sent;
			total.dead += fault.dead;
			total.wrong += fault.wrong;
			total.seen += fault.seen;
			total.notSeen += fault.notSeen;
			total.duplicates += fault.duplicates;
			total.dlqPoison += fault.dlqPoison;
		}
		return total;
	}

	/**
	 * Violations grouped by kind: each kind once with its count and the first few
	 * examples.
	 */
	private static final class Problems {

		private final List<String> out;

		private final Map<String, List<String>> byKind = new java.util.LinkedHashMap<>();

		private final Map<String, Integer> countByKind = new HashMap<>();

		Problems(List<String> out) {
			this.out = out;
		}

		synchronized void add(String kind, String example) {
			this.countByKind.merge(kind, 1, Integer::sum);
			List<String> examples = this.byKind.computeIfAbsent(kind, (k) -> new ArrayList<>());
			if (examples.size() < SAMPLES) {
				examples.add(example);
			}
		}

		void close() {
			this.byKind.forEach((kind, examples) -> this.out
				.add(this.countByKind.get(kind) + " × " + kind + ", e.g. " + String.join("; ", examples)));
		}

	}

}
