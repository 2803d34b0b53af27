package io.herald.local.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.local.bench.HeraldApi.BenchTenant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the load generator puts events: straight onto Kafka as a trusted producer, or
 * through the API one request at a time. {@code send} must not wait for the outcome; a
 * failed send calls {@code onFailure} with the event's index.
 */
sealed interface EventSink extends AutoCloseable {

	/** The content type of the REST sinks' requests. */
	String JSON = "application/json";

	void send(int index, String eventId, BenchTenant tenant, IntConsumer onFailure);

	/** Waits until every send has an outcome. */
	void flush();

	/** How long each send waited for its answer (the API's response, Kafka's ack). */
	AcceptLatencies acceptLatencies();

	@Override
	void close();

	/**
	 * Accept latencies of the sends since the last {@link #clear()} (the warm-up's are
	 * cleared): from handing a request to the HTTP client (or a record to the producer)
	 * to the API's answer (or the broker's ack), not counting the wait for a free slot.
	 */
	final class AcceptLatencies {

		private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

		void add(long startedNanos) {
			this.nanos.add(System.nanoTime() - startedNanos);
		}

		void clear() {
			this.nanos.clear();
		}

		/** Sorted, in nanoseconds. */
		long[] sorted() {
			return this.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
		}

	}

	/** The {@code data} every bench event carries (a small order). */
	static ObjectNode data(JsonMapper json, String eventId) {
		ObjectNode data = json.createObjectNode();
		data.put("order", eventId);
		data.put("total", "42.00");
		return data;
	}

	/** The CloudEvent the REST sinks send for {@code eventId}, as JSON. */
	static String json(String eventId) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/bench\",\"type\":\""
				+ HeraldApi.EVENT_TYPE + "\",\"subject\":\"" + subject(eventId) + "\",\"data\":{\"order\":\"" + eventId
				+ "\",\"total\":\"42.00\"}}";
	}

	/** The event's subject: 1,024 customers, so one subject's events keep their order. */
	static String subject(String eventId) {
		return "customer-" + (eventId.hashCode() & 1023);
	}

	/**
	 * Structured CloudEvents JSON on {@code herald.events}, {@code tenantid} extension,
	 * key {@code tenantId/subject}: what platform-api's EventPublisher writes.
	 */
	final class Kafka implements EventSink {

		static final String TOPIC = "herald.events";

		private final KafkaProducer<String, byte[]> producer;

		private final JsonMapper json = JsonMapper.builder().build();

		private final CloudEventCodec codec = new CloudEventCodec(this.json);

		private static final byte[] CONTENT_TYPE = "application/cloudevents+json".getBytes(StandardCharsets.UTF_8);

		private final AcceptLatencies accepted = new AcceptLatencies();

		Kafka(String bootstrapServers) {
			this.producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
							ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024,
							ProducerConfig.CLIENT_ID_CONFIG, "herald-bench"),
					new StringSerializer(), new ByteArraySerializer());
		}

		@Override
		public void send(int index, String eventId, BenchTenant tenant, IntConsumer onFailure) {
			CloudEventEnvelope event = new CloudEventEnvelope(eventId, "/bench", HeraldApi.EVENT_TYPE,
					EventSink.subject(eventId), Instant.now(), "application/json", EventSink.data(this.json, eventId),
					tenant.id());
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.partitionKey(),
					this.codec.write(event));
			record.headers().add("content-type", CONTENT_TYPE);
			long started = System.nanoTime();
			this.producer.send(record, (metadata, failure) -> {
				if (failure != null) {
					onFailure.accept(index);
				}
				else {
					this.accepted.add(started);
				}
			});
		}

		@Override
		public AcceptLatencies acceptLatencies() {
			return this.accepted;
		}

		@Override
		public void flush() {
			this.producer.flush();
		}

		@Override
		public void close() {
			this.producer.close(Duration.ofSeconds(10));
		}

	}

	/**
	 * One {@code POST /api/v1/events} per event, at most {@code concurrency} in flight.
	 */
	final class Rest implements EventSink {

		private final KeepAliveClient http;

		private final int concurrency;

		private final Semaphore inFlight;

		private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

		private final AcceptLatencies accepted = new AcceptLatencies();

		Rest(String eventsUrl, int concurrency) {
			this.http = new KeepAliveClient(URI.create(eventsUrl));
			this.concurrency = concurrency;
			this.inFlight = new Semaphore(concurrency);
		}

		@Override
		public void send(int index, String eventId, BenchTenant tenant, IntConsumer onFailure) {
			this.inFlight.acquireUninterruptibly();
			byte[] body = EventSink.json(eventId).getBytes(StandardCharsets.UTF_8);
			String authorization = "Bearer " + tenant.apiKey();
			this.executor.execute(() -> {
				try {
					long started = System.nanoTime();
					if (this.http.post(authorization, JSON, body, Duration.ofSeconds(30)).status() != 202) {
						onFailure.accept(index);
					}
					else {
						this.accepted.add(started);
					}
				}
				catch (IOException | RuntimeException ex) {
					onFailure.accept(index);
				}
				finally {
					this.inFlight.release();
				}
			});
		}

		@Override
		public void flush() {
			try {
				if (this.inFlight.tryAcquire(this.concurrency, 5, TimeUnit.MINUTES)) {
					this.inFlight.release(this.concurrency);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public AcceptLatencies acceptLatencies() {
			return this.accepted;
		}

		@Override
		public void close() {
			this.executor.close();
			this.http.close();
		}

	}

	/**
	 * {@code POST /api/v1/events/batch} with {@link #BATCH} events of one tenant each, at
	 * most {@code concurrency} batches in flight; an event the answer marks REJECTED (or
	 * every event of a call that fails) counts as rejected.
	 */
	final class RestBatch implements EventSink {

		static final int BATCH = 100;

		private final KeepAliveClient http;

		private final int concurrency;

		private final Semaphore inFlight;

		private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

		private final JsonMapper json = JsonMapper.builder().build();

		private final Map<String, Pending> pending = new java.util.HashMap<>();

		private final AcceptLatencies accepted = new AcceptLatencies();

		RestBatch(String eventsUrl, int concurrency) {
			this.http = new KeepAliveClient(URI.create(eventsUrl + "/batch"));
			this.concurrency = concurrency;
			this.inFlight = new Semaphore(concurrency);
		}

		@Override
		public void send(int index, String eventId, BenchTenant tenant, IntConsumer onFailure) {
			Pending batch = this.pending.computeIfAbsent(tenant.apiKey(), (key) -> new Pending(key, onFailure));
			batch.add(index, EventSink.json(eventId));
			if (batch.size() >= BATCH) {
				this.pending.remove(tenant.apiKey());
				post(batch);
			}
		}

		private void post(Pending batch) {
			this.inFlight.acquireUninterruptibly();
			byte[] body = ("[" + String.join(",", batch.bodies) + "]").getBytes(StandardCharsets.UTF_8);
			String authorization = "Bearer " + batch.apiKey;
			this.executor.execute(() -> {
				try {
					long started = System.nanoTime();
					KeepAliveClient.Response response = this.http.post(authorization, JSON, body,
							Duration.ofSeconds(60));
					if (response.status() != 200) {
						batch.indexes.forEach(batch.onFailure::accept);
						return;
					}
					this.accepted.add(started);
					for (var result : this.json.readTree(response.body()).get("results")) {
						if (!"ACCEPTED".equals(result.get("status").asString())) {
							batch.onFailure.accept(batch.indexes.get(result.get("index").asInt()));
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					batch.indexes.forEach(batch.onFailure::accept);
				}
				finally {
					this.inFlight.release();
				}
			});
		}

		@Override
		public void flush() {
			this.pending.values().forEach(this::post);
			this.pending.clear();
			try {
				if (this.inFlight.tryAcquire(this.concurrency, 5, TimeUnit.MINUTES)) {
					this.inFlight.release(this.concurrency);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public AcceptLatencies acceptLatencies() {
			return this.accepted;
		}

		@Override
		public void close() {
			this.executor.close();
			this.http.close();
		}

		/** A tenant's events waiting for their batch to fill. */
		private static final class Pending {

			private final String apiKey;

			private final IntConsumer onFailure;

			private final java.util.List<Integer> indexes = new java.util.ArrayList<>(BATCH);

			private final java.util.List<String> bodies = new java.util.ArrayList<>(BATCH);

			Pending(String apiKey, IntConsumer onFailure) {
				this.apiKey = apiKey;
				this.onFailure = onFailure;
			}

			void add(int index, String body) {
				this.indexes.add(index);
				this.bodies.add(body);
			}

			int size() {
				return this.indexes.size();
			}

		}

	}

}
