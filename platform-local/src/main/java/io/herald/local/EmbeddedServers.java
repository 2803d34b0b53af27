package io.herald.local;

import java.nio.file.Path;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.herald.local.RunningHerald.Endpoints;

/**
 * Starts the embedded PostgreSQL, Redis and Kafka with their data in the data directory
 * and registers each with the resources to stop, so that a failure half-way stops what
 * did start.
 */
final class EmbeddedServers {

	static final List<String> TOPICS = List.of("herald.events", "herald.events.dlq");

	private EmbeddedServers() {
	}

	static Endpoints start(LocalSettings settings, DataDirectory dataDir, Deque<AutoCloseable> resources) {
		// written before any thread forks a server process: a child forked while the file
		// is open for writing would make its execution fail with "Text file busy"
		Path redisExecutable = RedisBinary.prepare(dataDir.serverDir(RedisBinary.DIRECTORY));
		// PostgreSQL and Redis are processes of their own: start them while Kafka boots
		// here
		CompletableFuture<LocalPostgres> startingPostgres = CompletableFuture.supplyAsync(
				() -> LocalPostgres.start(dataDir.serverDir(LocalPostgres.DIRECTORY), settings.postgresPort()));
		CompletableFuture<LocalRedis> startingRedis = CompletableFuture.supplyAsync(
				() -> LocalRedis.start(redisExecutable, dataDir.serverDir(LocalRedis.DIRECTORY), settings.redisPort()));
		LocalKafka kafka = null;
		RuntimeException failure = null;
		try {
			kafka = LocalKafka.start(dataDir.serverDir("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		failure = collect(startingPostgres, resources, failure);
		failure = collect(startingRedis, resources, failure);
		if (failure != null) {
			if (kafka != null) {
				kafka.close();
			}
			throw failure;
		}
		resources.push(kafka);
		kafka.createTopics(TOPICS);
		LocalPostgres postgres = startingPostgres.join();
		LocalRedis redis = startingRedis.join();

		return new Endpoints(postgres.jdbcUrl(), redis.url(), kafka.bootstrapServers());
	}

	/**
	 * Waits for a server started in the background and registers it to be stopped;
	 * returns the first failure so far.
	 */
	private static RuntimeException collect(CompletableFuture<? extends AutoCloseable> starting,
			Deque<AutoCloseable> resources, RuntimeException failure) {
		try {
			resources.push(starting.join());
			return failure;
		}
		catch (CompletionException ex) {
			RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
			if (failure == null) {
				return cause;
			}
			failure.addSuppressed(cause);
			return failure;
		}
	}

}
