package io.herald.admin.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.herald.admin.deadletter.DeadLetterTopic.Letter;
import io.herald.admin.deadletter.DeadLetterTopic.Scan;
import io.herald.core.audit.Actor;
import io.herald.core.deadletter.DeadLetter;
import io.herald.core.deadletter.DeadLetterFilter;
import io.herald.core.deadletter.DeadLetterRedrives;
import io.herald.core.deadletter.RedriveResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dead-letter topic as operators see it in the console: letters grouped by their
 * exact reason, and the re-drive of a group (or of one letter, by partition and offset)
 * back to the event topic, with the same rules as the API's: a dry run only counts; a
 * re-drive publishes each letter at most once (core's {@link DeadLetterRedrives#claim} in
 * the transaction that waits for the publish) and is audited.
 */
class DeadLetterConsole {

	static final String REDRIVEN_FROM = "herald-redriven-from";

	private static final long PUBLISH_TIMEOUT_MS = 30_000;

	private final DeadLetterTopic topic;

	private final DeadLetterRedrives redrives;

	private final Supplier<Producer<String, byte[]>> producer;

	private final TransactionTemplate transactions;

	private final String eventTopic;

	private final int chunk;

	DeadLetterConsole(DeadLetterTopic topic, DeadLetterRedrives redrives, Supplier<Producer<String, byte[]>> producer,
			TransactionTemplate transactions, String eventTopic, int chunk) {
		this.topic = topic;
		this.redrives = redrives;
		this.producer = producer;
		this.transactions = transactions;
		this.eventTopic = eventTopic;
		this.chunk = chunk;
	}

	/** The matching letters grouped by reason, the largest group first. */
	Groups groups(DeadLetterFilter filter) {
		Map<String, List<DeadLetter>> byReason = new LinkedHashMap<>();
		Scan scan = this.topic.scan((letter) -> {
			if (filter.matches(letter.letter())) {
				byReason.computeIfAbsent(letter.letter().reason(), (reason) -> new ArrayList<>()).add(letter.letter());
			}
		});
		List<Group> groups = new ArrayList<>();
		byReason.forEach((reason, letters) -> {
			Set<String> redriven = this.redrives.redriven(this.topic.name(), letters);
			Set<UUID> tenants = new HashSet<>();
			letters.forEach((letter) -> tenants.add(letter.tenantId()));
			Instant newest = letters.stream().map(DeadLetter::timestamp).max(Comparator.naturalOrder()).orElse(null);
			groups.add(new Group(reason, letters.size(), redriven.size(), tenants, newest,
					letters.stream()
						.sorted(Comparator.comparing(DeadLetter::timestamp).reversed())
						.limit(5)
						.map((letter) -> redriven.contains(key(letter)) ? letter.asRedriven() : letter)
						.toList()));
		});
		groups.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::reason));
		return new Groups(groups, scan.scanned(), scan.truncated());
	}

	/** Counts (dry run) or re-publishes the matching letters not re-driven before. */
	RedriveResult redrive(DeadLetterFilter filter, boolean dryRun, Actor actor) {
		int[] counts = new int[3];
		List<Letter> pending = new ArrayList<>();
		Scan scan = this.topic.scan((letter) -> {
			if (filter.matches(letter.letter())) {
				pending.add(letter);
				if (pending.size() >= this.chunk) {
					handle(pending, dryRun, actor, counts);
					pending.clear();
				}
			}
		});
		handle(pending, dryRun, actor, counts);
		RedriveResult result = new RedriveResult(dryRun, counts[0], counts[1], counts[2], scan.scanned(),
				scan.truncated());
		if (!dryRun) {
			this.redrives.audited(actor, this.topic.name(), filter, result);
		}
		return result;
	}

	/**
	 * Counts (dry run) or re-publishes the one letter the filter names by partition and
	 * offset; empty when there is no such letter or it is not the filter's tenant's.
	 */
	Optional<One> redriveOne(DeadLetterFilter filter, boolean dryRun, Actor actor) {
		Optional<Letter> found = this.topic.read(filter.partition(), filter.offset())
			.filter((letter) -> filter.matches(letter.letter()));
		if (found.isEmpty()) {
			return Optional.empty();
		}
		int[] counts = new int[3];
		handle(List.of(found.get()), dryRun, actor, counts);
		RedriveResult result = new RedriveResult(dryRun, counts[0], counts[1], counts[2], 1, false);
		if (!dryRun) {
			this.redrives.audited(actor, this.topic.name(), filter, result);
		}
		DeadLetter letter = found.get().letter();
		return Optional.of(new One((counts[2] > 0) ? letter.asRedriven() : letter, result));
	}

	/** counts: matched, republished, already re-driven. */
	private void handle(List<Letter> letters, boolean dryRun, Actor actor, int[] counts) {
		if (letters.isEmpty()) {
			return;
		}
		Set<String> redriven = this.redrives.redriven(this.topic.name(), letters.stream().map(Letter::letter).toList());
		List<Letter> fresh = letters.stream().filter((letter) -> !redriven.contains(key(letter.letter()))).toList();
		counts[2] += letters.size() - fresh.size();
		if (dryRun || fresh.isEmpty()) {
			counts[0] += fresh.size();
			return;
		}
		Integer published = this.transactions.execute((status) -> publish(fresh, actor));
		int done = (published != null) ? published : 0;
		counts[0] += done;
		counts[1] += done;
		// a concurrent re-drive claimed the others first
		counts[2] += fresh.size() - done;
	}

	private int publish(List<Letter> letters, Actor actor) {
		List<Future<RecordMetadata>> sends = new ArrayList<>();
		for (Letter letter : letters) {
			if (this.redrives.claim(this.topic.name(), letter.letter(), actor)) {
				sends.add(this.producer.get().send(republished(letter.record())));
			}
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PUBLISH_TIMEOUT_MS);
		try {
			for (Future<RecordMetadata> send : sends) {
				send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedriveFailedException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new RedriveFailedException(ex);
		}
		return sends.size();
	}

	private ProducerRecord<String, byte[]> republished(ConsumerRecord<byte[], byte[]> record) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("herald-dlq-") && !header.key().startsWith("kafka_dlt-")
					&& !header.key().equals(REDRIVEN_FROM)) {
				headers.add(header);
			}
		}
		headers.add(REDRIVEN_FROM,
				(record.topic() + "/" + record.partition() + "/" + record.offset()).getBytes(StandardCharsets.UTF_8));
		String key = (record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null;
		return new ProducerRecord<>(this.eventTopic, null, key, record.value(), headers);
	}

	private static String key(DeadLetter letter) {
		return letter.partition() + ":" + letter.offset();
	}

	/**
	 * Letters of one reason.
	 *
	 * @param redriven of them, already re-driven
	 * @param tenants the tenants they belong to (null: unknown)
	 * @param newest up to five, newest first
	 */
	record Group(String reason, int count, int redriven, Set<UUID> tenants, Instant newestAt, List<DeadLetter> newest) {

	}

	record Groups(List<Group> groups, int scanned, boolean truncated) {

	}

	/** One letter and what its re-drive (or dry run) found and did. */
	record One(DeadLetter letter, RedriveResult result) {

	}

	/**
	 * The event topic did not acknowledge a re-publish: nothing of its chunk is recorded.
	 */
	static class RedriveFailedException extends RuntimeException {

		RedriveFailedException(Throwable cause) {
			super("The event log did not acknowledge the re-driven events", cause);
		}

	}

}
