package io.herald.local.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the bare parts do on the same machine and servers with the same records: a plain
 * {@code KafkaConsumer} over everything on {@code herald.events} (the records the runs
 * produced), multi-row inserts of notification rows into a copy of Herald's
 * {@code notification} table, pipelined {@code SET NX PX} on Redis, and the webhook
 * receiver's own request rate. Each figure is operations per second; Herald's events/s is
 * reported as a fraction of the lowest.
 */
final class RawFloor {

	static final int CLIENTS = 4;

	static final int ROWS_PER_STATEMENT = 100;

	static final int PIPELINE = 100;

	static final int HTTP_CLIENTS = 32;

	/** One part's figure. */
	record Part(String name, String what, long operations, double seconds, String error) {

		double perSecond() {
			return (this.seconds > 0) ? this.operations / this.seconds : 0;
		}

		boolean measured() {
			return this.error == null && this.operations > 0;
		}

	}

	private RawFloor() {
	}

	static List<Part> measure(BenchStack stack, Receiver receiver, HttpClient http, int operations) {
		List<Part> parts = new ArrayList<>();
		parts.add(guarded("Kafka consumer", () -> kafka(stack.servers().kafkaBootstrapServers(), operations)));
		parts.add(guarded("PostgreSQL insert",
				() -> postgres(stack.servers().jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword(), operations)));
		parts.add(guarded("Redis SET NX PX", () -> redis(stack.servers().redisUrl(), operations)));
		parts.add(guarded("Webhook receiver", () -> receiver(receiver, http, operations)));
		return parts;
	}

	private static Part guarded(String name, Callable<Part> measurement) {
		System.out.printf("[floor] %s ...%n", name);
		try {
			Part part = measurement.call();
			System.out.printf("[floor] %s: %,.0f/s (%s)%n", name, part.perSecond(), part.what());
			return part;
		}
		catch (Exception ex) {
			System.out.printf("[floor] %s failed: %s%n", name, ex);
			return new Part(name, "", 0, 0, ex.toString());
		}
	}

	/**
	 * A bare consumer over the records the runs produced; when they are fewer than
	 * {@code minimum}, over copies of them (same keys, values and headers) written first
	 * to a scratch topic with the same partition count, so that there is enough to time.
	 */
	private static Part kafka(String bootstrapServers, int minimum) throws Exception {
		List<ProducerRecord<byte[], byte[]>> produced = readAll(bootstrapServers, EventSink.Kafka.TOPIC);
		if (produced.isEmpty()) {
			throw new IllegalStateException("herald.events holds no records");
		}
		int partitions = (int) produced.stream().map(ProducerRecord::partition).distinct().count();
		if (produced.size() >= minimum) {
			return kafkaPart(bootstrapServers, EventSink.Kafka.TOPIC, produced.size(), 1);
		}
		String scratch = "herald-bench-floor-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			admin.createTopics(List.of(new NewTopic(scratch, Math.max(1, partitions), (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
			int copies = (minimum + produced.size() - 1) / produced.size();
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG,
							10, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
					new ByteArraySerializer(), new ByteArraySerializer())) {
				for (int copy = 0; copy < copies; copy++) {
					for (ProducerRecord<byte[], byte[]> record : produced) {
						producer.send(new ProducerRecord<>(scratch, record.key(), record.value()));
					}
				}
				producer.flush();
			}
			return kafkaPart(bootstrapServers, scratch, produced.size(), copies);
		}
		finally {
			try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
				admin.deleteTopics(List.of(scratch)).all().get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// the scratch topic may not exist; nothing else to clean up
			}
		}
	}

	private static List<ProducerRecord<byte[], byte[]>> readAll(String bootstrapServers, String topic) {
		List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
			Map<TopicPartition, Long> end = assignFromBeginning(consumer, topic);
			long target = remaining(consumer, end);
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (records.size() < target && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					records.add(new ProducerRecord<>(topic, record.partition(), record.key(), record.value()));
				}
			}
		}
		return records;
	}

	private static Part kafkaPart(String bootstrapServers, String topic, int distinct, int copies) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
			Map<TopicPartition, Long> end = assignFromBeginning(consumer, topic);
			long target = remaining(consumer, end);
			long records = 0;
			long bytes = 0;
			long started = System.nanoTime();
			long deadline = started + Duration.ofMinutes(2).toNanos();
			while (records < target && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					records++;
					bytes += record.serializedValueSize();
				}
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			String source = (copies == 1) ? "the runs' %,d records on herald.events".formatted(distinct)
					: "%d copies of the runs' %,d records (a scratch topic with herald.events' partitions)"
						.formatted(copies, distinct);
			return new Part("Kafka consumer", "one bare KafkaConsumer from the beginning: %s, %d bytes on average"
				.formatted(source, (records > 0) ? bytes / records : 0), records, seconds, null);
		}
	}

	private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static Map<TopicPartition, Long> assignFromBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
			partitions.add(new TopicPartition(info.topic(), info.partition()));
		}
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer.endOffsets(partitions, Duration.ofSeconds(30));
	}

	private static long remaining(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		long total = 0;
		for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
			total += entry.getValue() - consumer.position(entry.getKey(), Duration.ofSeconds(30));
		}
		return total;
	}

	private static Part postgres(String jdbcUrl, String user, String password, int rows) throws Exception {
		String schema = "herald_bench_floor";
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			statement.execute("CREATE SCHEMA " + schema);
			// Herald's own table: same columns, defaults, checks, unique key and indexes
			// (LIKE copies no foreign keys)
			statement.execute("CREATE TABLE " + schema + ".notification (LIKE public.notification INCLUDING DEFAULTS "
					+ "INCLUDING CONSTRAINTS INCLUDING INDEXES)");
		}
		String columns = "(id, tenant_id, event_id, event_type, subscription_id, channel, recipient, address, subject, body, "
				+ "status, next_attempt_at, created_at, updated_at)";
		String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
		String sql = "INSERT INTO " + schema + ".notification " + columns + " VALUES "
				+ String.join(", ", java.util.Collections.nCopies(ROWS_PER_STATEMENT, row));
		int statements = Math.max(1, rows / ROWS_PER_STATEMENT);
		AtomicInteger next = new AtomicInteger();
		UUID tenant = UUID.randomUUID();
		UUID subscription = UUID.randomUUID();
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<Integer>> results = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				results.add(clients.submit(() -> {
					int inserted = 0;
					try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
							PreparedStatement insert = connection.prepareStatement(sql)) {
						for (int batch = next.getAndIncrement(); batch < statements; batch = next.getAndIncrement()) {
							Timestamp now = Timestamp.from(Instant.now());
							int parameter = 1;
							for (int index = 0; index < ROWS_PER_STATEMENT; index++) {
								String eventId = "floor-" + (batch * ROWS_PER_STATEMENT + index);
								insert.setObject(parameter++, UUID.randomUUID());
								insert.setObject(parameter++, tenant);
								insert.setString(parameter++, eventId);
								insert.setString(parameter++, HeraldApi.EVENT_TYPE);
								insert.setObject(parameter++, subscription);
								insert.setString(parameter++, "WEBHOOK");
								insert.setString(parameter++, "http://127.0.0.1/hook/0");
								insert.setString(parameter++, "http://127.0.0.1/hook/0");
								insert.setString(parameter++, "Order " + eventId);
								insert.setString(parameter++, "Total 42.00");
								insert.setString(parameter++, "PENDING");
								insert.setTimestamp(parameter++, now);
								insert.setTimestamp(parameter++, now);
								insert.setTimestamp(parameter++, now);
							}
							inserted += insert.executeUpdate();
						}
					}
					return inserted;
				}));
			}
			long inserted = 0;
			for (Future<Integer> result : results) {
				inserted += result.get();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			return new Part("PostgreSQL insert",
					"%d clients, %d notification rows per INSERT (autocommit), into a copy of Herald's notification table with its indexes"
						.formatted(CLIENTS, ROWS_PER_STATEMENT),
					inserted, seconds, null);
		}
		finally {
			try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
					Statement statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
		}
	}

	private static Part redis(String redisUrl, int operations) throws Exception {
		URI uri = URI.create(redisUrl);
		String host = (uri.getHost() != null) ? uri.getHost() : "127.0.0.1";
		int port = (uri.getPort() > 0) ? uri.getPort() : 6379;
		String password = passwordOf(uri);
		int pipelines = Math.max(1, operations / PIPELINE);
		AtomicInteger next = new AtomicInteger();
		String prefix = "herald-bench-floor:" + UUID.randomUUID() + ":";
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<Integer>> results = new ArrayList<>();
			for (int client = 0; client < CLIENTS; client++) {
				results.add(clients.submit(() -> {
					int done = 0;
					try (Socket socket = new Socket(host, port)) {
						socket.setTcpNoDelay(true);
						OutputStream out = socket.getOutputStream();
						InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
						if (password != null) {
							out.write(command("AUTH", password));
							readReply(in);
						}
						for (int pipeline = next.getAndIncrement(); pipeline < pipelines; pipeline = next
							.getAndIncrement()) {
							java.io.ByteArrayOutputStream commands = new java.io.ByteArrayOutputStream(PIPELINE * 96);
							for (int index = 0; index < PIPELINE; index++) {
								commands.write(command("SET", prefix + (pipeline * PIPELINE + index), "1", "NX", "PX",
										"60000"));
							}
							out.write(commands.toByteArray());
							out.flush();
							for (int index = 0; index < PIPELINE; index++) {
								readReply(in);
							}
							done += PIPELINE;
						}
					}
					return done;
				}));
			}
			long done = 0;
			for (Future<Integer> result : results) {
				done += result.get();
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			return new Part("Redis SET NX PX",
					"%d connections, pipelines of %d lock-like SET key 1 NX PX 60000".formatted(CLIENTS, PIPELINE),
					done, seconds, null);
		}
	}

	private static String passwordOf(URI uri) {
		String userInfo = uri.getUserInfo();
		if (userInfo == null || userInfo.isEmpty()) {
			return null;
		}
		int colon = userInfo.indexOf(':');
		return (colon >= 0) ? userInfo.substring(colon + 1) : userInfo;
	}

	private static byte[] command(String... words) {
		StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
			resp.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
		}
		return resp.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Reads one simple reply (+OK, $-1 null bulk, -ERR, :n); fails on an error. */
	private static void readReply(InputStream in) throws IOException {
		int type = in.read();
		StringBuilder line = new StringBuilder();
		for (int next = in.read(); next != '\r'; next = in.read()) {
			if (next < 0) {
				throw new IOException("Redis closed the connection");
			}
			line.append((char) next);
		}
		in.read();
		if (type == '-') {
			throw new IOException("Redis answered " + line);
		}
		if (type == '$' && !line.toString().equals("-1")) {
			in.skipNBytes(Integer.parseInt(line.toString()) + 2L);
		}
	}

	private static Part receiver(Receiver receiver, HttpClient http, int requests) throws Exception {
		String body = "{\"notificationId\":\"" + UUID.randomUUID() + "\",\"eventId\":\"floor\",\"eventType\":\""
				+ HeraldApi.EVENT_TYPE
				+ "\",\"subject\":\"Order floor\",\"body\":\"Total 42.00\",\"data\":{\"order\":\"floor\",\"total\":\"42.00\"}}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.floorUrl()))
			.header("Content-Type", "application/json")
			.header("webhook-id", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		AtomicInteger next = new AtomicInteger();
		long before = receiver.floorRequests();
		long started = System.nanoTime();
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> results = new ArrayList<>();
			for (int client = 0; client < HTTP_CLIENTS; client++) {
				results.add(clients.submit(() -> {
					while (next.getAndIncrement() < requests) {
						HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
						if (response.statusCode() != 204) {
							throw new IOException("Receiver answered " + response.statusCode());
						}
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Part("Webhook receiver",
				"%d concurrent JDK HttpClient callers POSTing a webhook-sized body to the bench's receiver"
					.formatted(HTTP_CLIENTS),
				receiver.floorRequests() - before, seconds, null);
	}

	/** The lowest measured part, or null when none was measured. */
	static Part lowest(List<Part> parts) {
		Part lowest = null;
		for (Part part : parts) {
			if (part.measured() && (lowest == null || part.perSecond() < lowest.perSecond())) {
				lowest = part;
			}
		}
		return lowest;
	}

}
