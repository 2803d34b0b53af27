package io.herald.api.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.herald.api.config.HeraldApiProperties;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.audit.Actor;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.deadletter.DeadLetter;
import io.herald.core.deadletter.DeadLetterFilter;
import io.herald.core.deadletter.DeadLetterRedrives;
import io.herald.core.deadletter.RedriveResult;
import io.herald.api.deadletter.DeadLetterTopic.Letter;
import io.herald.api.deadletter.DeadLetterTopic.Scan;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists dead letters and re-drives a chosen set back to the event topic. A re-driven
 * record is the dead letter's key, value and original headers (without the
 * {@code herald-dlq-*} and {@code kafka_dlt-*} ones) plus {@code herald-redriven-from};
 * the worker deduplicates it by event id like any other. Each letter is recorded as
 * re-driven in the transaction that waits for its publish, so a second re-drive publishes
 * nothing again (decision 0069).
 */
@Service
class DeadLetterRedrive {

	static final String REDRIVEN_FROM = "herald-redriven-from";

	private final DeadLetterTopic topic;

	private final DeadLetterRedrives redrives;

	private final KafkaTemplate<String, byte[]> events;

	private final TransactionTemplate transactions;

	private final String eventTopic;

	private final HeraldApiProperties api;

	private final DeadLetterProperties properties;

	private final MeterRegistry meters;

	DeadLetterRedrive(DeadLetterTopic topic, DeadLetterRedrives redrives, KafkaTemplate<String, byte[]> events,
			TransactionTemplate transactions, HeraldCoreProperties core, HeraldApiProperties api,
			DeadLetterProperties properties, MeterRegistry meters) {
		this.topic = topic;
		this.redrives = redrives;
		this.events = events;
		this.transactions = transactions;
		this.eventTopic = core.topics().events();
		this.api = api;
		this.properties = properties;
		this.meters = meters;
	}

	/** The matching letters, newest first, at most {@code limit}. */
	Listing list(DeadLetterFilter filter, int limit) {
		List<DeadLetter> matching = new ArrayList<>();
		Scan scan = this.topic.scan((letter) -> {
			if (filter.matches(letter.letter())) {
				matching.add(letter.letter());
			}
		});
		List<DeadLetter> newest = matching.stream()
			.sorted(Comparator.comparing(DeadLetter::timestamp)
				.thenComparing(DeadLetter::partition)
				.thenComparing(DeadLetter::offset)
				.reversed())
			.limit(limit)
			.toList();
		Set<String> redriven = this.redrives.redriven(this.topic.name(), newest);
		return new Listing(
				newest.stream().map((letter) -> redriven.contains(key(letter)) ? letter.asRedriven() : letter).toList(),
				matching.size(), scan.scanned(), scan.truncated());
	}

	/**
	 * Counts (dry run) or re-publishes the matching letters not re-driven before, and
	 * audits a re-drive.
	 */
	RedriveResult redrive(DeadLetterFilter filter, boolean dryRun, Actor actor) {
		Counts counts = new Counts();
		List<Letter> chunk = new ArrayList<>();
		Scan scan = this.topic.scan((letter) -> {
			if (!filter.matches(letter.letter())) {
				return;
			}
			chunk.add(letter);
			if (chunk.size() >= this.properties.chunk()) {
				handle(chunk, dryRun, actor, counts);
				chunk.clear();
			}
		});
		handle(chunk, dryRun, actor, counts);
		RedriveResult result = new RedriveResult(dryRun, counts.matched, counts.republished, counts.alreadyRedriven,
				scan.scanned(), scan.truncated());
		if (!dryRun) {
			this.redrives.audited(actor, this.topic.name(), filter, result);
			this.meters.counter("herald.dlq.redriven").increment(counts.republished);
		}
		return result;
	}

	private void handle(List<Letter> chunk, boolean dryRun, Actor actor, Counts counts) {
		if (chunk.isEmpty()) {
			return;
		}
		Set<String> redriven = this.redrives.redriven(this.topic.name(), chunk.stream().map(Letter::letter).toList());
		List<Letter> fresh = chunk.stream().filter((letter) -> !redriven.contains(key(letter.letter()))).toList();
		counts.alreadyRedriven += chunk.size() - fresh.size();
		counts.matched += fresh.size();
		if (dryRun || fresh.isEmpty()) {
			return;
		}
		Integer published = this.transactions.execute((status) -> publish(fresh, actor));
		counts.republished += (published != null) ? published : 0;
		// a concurrent re-drive claimed the others first
		counts.alreadyRedriven += fresh.size() - ((published != null) ? published : 0);
		counts.matched -= fresh.size() - ((published != null) ? published : 0);
	}

	private int publish(List<Letter> letters, Actor actor) {
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
		for (Letter letter : letters) {
			if (this.redrives.claim(this.topic.name(), letter.letter(), actor)) {
				sends.add(this.events.send(republished(letter.record())));
			}
		}
		long timeoutMs = this.api.publishTimeout().toMillis() + 1_000;
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(timeoutMs, TimeUnit.MILLISECONDS);
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
	 * @param items the newest matching letters, at most the limit
	 * @param matched all matching letters the scan saw
	 */
	record Listing(List<DeadLetter> items, int matched, int scanned, boolean truncated) {
	}

	private static final class Counts {

		int matched;

		int republished;

		int alreadyRedriven;

	}

	/**
	 * The event topic did not acknowledge a re-publish: nothing of its chunk is recorded.
	 */
	static class RedriveFailedException extends ProblemException {

		RedriveFailedException(Throwable cause) {
			super(ProblemType.EVENT_LOG_UNAVAILABLE,
					"The event log did not acknowledge the re-driven events; nothing of the last chunk is recorded as re-driven, try again");
			initCause(cause);
		}

	}

}
