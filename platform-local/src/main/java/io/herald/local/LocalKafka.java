package io.herald.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) running in this
 * JVM, with its logs and metadata in the data directory. The directory is formatted once,
 * as {@code kafka-storage.sh format} would, so topics and offsets survive restarts.
 */
final class LocalKafka implements AutoCloseable {

	static final int PARTITIONS = 3;

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private final KafkaRaftServer server;

	private final String bootstrapServers;

	private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
		this.server = server;
		this.bootstrapServers = bootstrapServers;
	}

	static LocalKafka start(Path logDir, int port, int controllerPort) {
		KafkaConfig config = KafkaConfig.fromProps(serverProperties(logDir, port, controllerPort));
		formatIfNeeded(config, logDir);
		KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
		server.startup();
		LocalKafka kafka = new LocalKafka(server, "127.0.0.1:" + port);
		try {
			kafka.awaitReady();
		}
		catch (RuntimeException ex) {
			kafka.close();
			throw ex;
		}
		return kafka;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Creates the given topics with {@value #PARTITIONS} partitions unless they exist.
	 */
	void createTopics(List<String> names) {
		try (Admin admin = admin()) {
			for (String name : names) {
				try {
					admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1)))
						.all()
						.get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Cannot create Kafka topic " + name, ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating topics", ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Kafka did not create topics in time", ex);
		}
	}

	private void awaitReady() {
		try (Admin admin = admin()) {
			admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Kafka did not become ready on " + this.bootstrapServers, ex);
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(60).toMillis()));
	}

	private static Properties serverProperties(Path logDir, int port, int controllerPort) {
		Properties properties = new Properties();
		properties.put("node.id", String.valueOf(NODE_ID));
		properties.put("process.roles", "broker,controller");
		properties.put("listeners",
				"PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
		properties.put("log.dirs", logDir.toAbsolutePath().toString());
		properties.put("num.partitions", String.valueOf(PARTITIONS));
		properties.put("default.replication.factor", "1");
		properties.put("min.insync.replicas", "1");
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("offsets.topic.num.partitions", "5");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("transaction.state.log.num.partitions", "5");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		properties.put("group.initial.rebalance.delay.ms", "0");
		properties.put("auto.create.topics.enable", "true");
		return properties;
	}

	private static void formatIfNeeded(KafkaConfig config, Path logDir) {
		if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
			return;
		}
		try {
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(NODE_ID)
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName(CONTROLLER_LISTENER)
				.setMetadataLogDirectory(config.metadataLogDir())
				.setDirectories(Set.of(logDir.toAbsolutePath().toString()))
				.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format Kafka storage in " + logDir, ex);
		}
	}

	@Override
	public void close() {
		this.server.shutdown();
		this.server.awaitShutdown();
	}

}
