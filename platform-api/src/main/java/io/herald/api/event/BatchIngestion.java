package io.herald.api.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.config.BatchIngestProperties;
import io.herald.api.event.EventPublisher.Published;
import io.herald.api.quota.IngestQuota;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.error.UnknownEventTypeException;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.InvalidEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch ingest (decision 0070): a JSON array of CloudEvents, each judged alone by the
 * checks of single ingest; the accepted ones are all in the event log before the answer.
 * The tenant's ingest quota is charged one permit per element. When the event log cannot
 * take an accepted event the whole call is a 503 to be retried as it stands (the worker
 * deduplicates the events that did get through by id).
 */
@Service
class BatchIngestion {

	private static final Logger log = LoggerFactory.getLogger(BatchIngestion.class);

	static final String CONTENT_TYPE = "application/cloudevents-batch+json";

	private final JsonMapper json;

	private final CloudEventCodec codec;

	private final EventIngestion ingestion;

	private final EventPublisher publisher;

	private final IngestQuota quota;

	private final BatchIngestProperties properties;

	private final MeterRegistry meters;

	BatchIngestion(JsonMapper json, CloudEventCodec codec, EventIngestion ingestion, EventPublisher publisher,
			IngestQuota quota, BatchIngestProperties properties, MeterRegistry meters) {
		this.json = json;
		this.codec = codec;
		this.ingestion = ingestion;
		this.publisher = publisher;
		this.quota = quota;
		this.properties = properties;
		this.meters = meters;
	}

	BatchResult accept(ApiCaller caller, byte[] body) {
		JsonNode batch = read(body);
		charge(caller, batch.size());
		Map<Integer, BatchResult.Item> rejected = new HashMap<>();
		Map<String, Integer> firstIndex = new HashMap<>();
		List<Integer> indexes = new ArrayList<>();
		List<CloudEventEnvelope> events = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			JsonNode node = batch.get(i);
			try {
				CloudEventEnvelope event = this.ingestion.check(caller,
						this.codec.read(node).withTenant(caller.tenantId()));
				Integer first = firstIndex.putIfAbsent(event.id(), i);
				if (first != null) {
					rejected.put(i, BatchResult.Item.rejected(i, event.id(), duplicate(first)));
					continue;
				}
				indexes.add(i);
				events.add(event);
			}
			catch (RuntimeException ex) {
				rejected.put(i, BatchResult.Item.rejected(i, idOf(node), problem(ex)));
			}
		}
		List<Published> outcomes = events.isEmpty() ? List.of() : this.publisher.publishAll(events);
		requireEventLog(caller, outcomes);
		List<BatchResult.Item> results = new ArrayList<>(batch.size());
		for (int i = 0, next = 0; i < batch.size(); i++) {
			BatchResult.Item item = rejected.get(i);
			if (item == null) {
				CloudEventEnvelope event = events.get(next);
				item = (outcomes.get(next) == Published.OK) ? BatchResult.Item.accepted(i, event.id())
						: BatchResult.Item.rejected(i, event.id(), tooLarge());
				next++;
			}
			results.add(item);
		}
		BatchResult result = BatchResult.of(results);
		this.meters.counter("herald.api.events.accepted").increment(result.accepted());
		this.meters.counter("herald.api.events.batches").increment();
		return result;
	}

	private JsonNode read(byte[] body) {
		JsonNode batch;
		try {
			batch = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body cannot be read: see errors",
					Map.of("errors", List.of(new FieldProblem("body", "is not valid JSON"))));
		}
		if (batch == null || !batch.isArray()) {
			throw ProblemException.invalid("body", "must be a JSON array of CloudEvents");
		}
		if (batch.isEmpty()) {
			throw ProblemException.invalid("body", "must hold at least one event");
		}
		if (batch.size() > this.properties.maxEvents()) {
			throw new ProblemException(
					ProblemType.PAYLOAD_TOO_LARGE, "A batch holds at most " + this.properties.maxEvents()
							+ " events, this one " + batch.size() + ": split it",
					Map.of("maxEvents", this.properties.maxEvents()));
		}
		return batch;
	}

	/** One permit per element, valid or not: a batch costs what its events would. */
	private void charge(ApiCaller caller, int events) {
		if (caller.ingestLimits() == null) {
			return;
		}
		int burst = caller.ingestLimits().burst();
		if (events > burst) {
			// no wait would ever let it through: the client must split it
			throw new ProblemException(
					ProblemType.PAYLOAD_TOO_LARGE, "The batch holds " + events
							+ " events, more than the tenant's ingest burst of " + burst + ": split it",
					Map.of("maxEvents", burst));
		}
		this.quota.tryAcquire(caller.tenantId(), caller.ingestLimits(), events).ifPresent((wait) -> {
			throw new ProblemException(ProblemType.RATE_LIMITED,
					"The tenant's ingest quota of " + caller.ingestLimits().eventsPerSecond()
							+ " events per second cannot take " + events
							+ " events now: retry after the time in Retry-After")
				.retryAfter(wait);
		});
	}

	private void requireEventLog(ApiCaller caller, List<Published> outcomes) {
		long unavailable = outcomes.stream().filter((outcome) -> outcome == Published.UNAVAILABLE).count();
		if (unavailable == 0) {
			return;
		}
		long published = outcomes.stream().filter((outcome) -> outcome == Published.OK).count();
		log.warn("Publishing a batch failed tenant={} events={} published={} unavailable={}", caller.tenantId(),
				outcomes.size(), published, unavailable);
		this.meters.counter("herald.api.events.rejected", "reason", "unavailable").increment(unavailable);
		throw new ProblemException(ProblemType.EVENT_LOG_UNAVAILABLE,
				"The event log took " + published + " of the " + outcomes.size()
						+ " valid events and is unavailable for the others: retry the whole batch "
						+ "with the same ids (events already in the log are deduplicated by id)");
	}

	private Map<String, Object> problem(RuntimeException ex) {
		return switch (ex) {
			case InvalidEventException invalid -> {
				this.meters.counter("herald.api.events.rejected", "reason", "invalid").increment();
				yield problem(ProblemType.VALIDATION, "The event is not a valid CloudEvent: see errors",
						Map.of("errors",
								invalid.problems()
									.stream()
									.map((field) -> new FieldProblem(field.field(), field.message()))
									.toList()));
			}
			case UnknownEventTypeException unknown ->
				problem(ProblemType.UNKNOWN_EVENT_TYPE, unknown.getMessage(), Map.of("eventType", unknown.eventType()));
			case SchemaViolationException violation -> problem(ProblemType.SCHEMA_VIOLATION, violation.getMessage(),
					Map.of("violations", violation.violations()));
			default -> throw ex;
		};
	}

	private Map<String, Object> duplicate(int first) {
		this.meters.counter("herald.api.events.rejected", "reason", "duplicate").increment();
		return problem(ProblemType.DUPLICATE_EVENT_IN_BATCH,
				"The event at index " + first + " has the same id; only that one was published",
				Map.of("duplicateOf", first));
	}

	private Map<String, Object> tooLarge() {
		this.meters.counter("herald.api.events.rejected", "reason", "too_large").increment();
		return problem(ProblemType.PAYLOAD_TOO_LARGE,
				"The event is too large for the event log. Send a smaller event; retrying will not help.", Map.of());
	}

	private static Map<String, Object> problem(ProblemType type, String detail, Map<String, Object> properties) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type.type().toString());
		problem.put("title", type.title());
		problem.put("status", type.status().value());
		problem.put("detail", detail);
		problem.putAll(properties);
		return problem;
	}

	private static String idOf(JsonNode node) {
		JsonNode id = (node != null && node.isObject()) ? node.get("id") : null;
		return (id != null && id.isString() && id.asString().length() <= 200) ? id.asString() : null;
	}

}
