package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * A real redis-server bound to 127.0.0.1 with its append-only file in the data directory.
 */
final class LocalRedis implements AutoCloseable {

	private final RedisServer server;

	private final int port;

	private LocalRedis(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static LocalRedis start(Path dataDir, int port) {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("dir " + quoted(dataDir))
				.setting("appendonly yes")
				.setting("protected-mode yes")
				.onShutdownForceStop(false)
				.build();
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
