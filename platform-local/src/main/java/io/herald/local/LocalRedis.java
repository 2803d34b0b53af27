package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import redis.embedded.RedisServer;

/**
 * A real redis-server bound to 127.0.0.1 with its configuration and append-only file in
 * the data directory, run from the executable {@link RedisBinary} keeps there.
 */
final class LocalRedis implements AutoCloseable {

	static final String DIRECTORY = "redis";

	private final RedisServer server;

	private final int port;

	private LocalRedis(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static LocalRedis start(Path executable, Path dataDir, int port) {
		try {
			Path config = dataDir.resolve("redis.conf");
			// the append-only file is the persistence: no RDB snapshots
			// besides it, each a forked child writing every key (decision 0110)
			Files.writeString(config, String.join("\n", "bind 127.0.0.1", "port " + port, "dir " + quoted(dataDir),
					"appendonly yes", "save \"\"", "protected-mode yes", ""));
			RedisServer server = new RedisServer(port,
					List.of(executable.toString(), config.toString(), "--port", String.valueOf(port)), false);
			server.start();
			return new LocalRedis(server, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start Redis on port " + port, ex);
		}
	}

	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	private static String quoted(Path dir) {
		return "\"" + dir.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	@Override
	public void close() throws IOException {
		this.server.stop();
	}

}
