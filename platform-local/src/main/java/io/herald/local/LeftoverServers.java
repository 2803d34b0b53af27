package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops the PostgreSQL and Redis servers that a previous launcher left running
 * on a data directory. Both are processes of their own: when the launcher is killed
 * ({@code kill -9}, a crash, an out-of-memory kill) they survive it, reparented, still
 * holding their ports and files. Called once the data directory's lock is held, so that
 * any server of this directory still running belongs to a launcher that is gone.
 *
 * <p>
 * A process counts as ours only when its executable and command line say so: PostgreSQL
 * through the PID in {@code postgres/postmaster.pid} and the data directory in its
 * command line, Redis through its executable, which local mode keeps in the data
 * directory's {@code bin} folder. A recycled PID never gets a process stopped.
 */
final class LeftoverServers {

	private static final Logger log = LoggerFactory.getLogger(LeftoverServers.class);

	/** How long a graceful stop (SIGTERM) may take before the process is killed. */
	private static final Duration GRACE = Duration.ofSeconds(30);

	private LeftoverServers() {
	}

	static void stop(Path dataDir) {
		stopPostgres(dataDir.resolve(LocalPostgres.DIRECTORY));
		stopRedis(dataDir.resolve(RedisBinary.DIRECTORY));
	}

	/**
	 * Stops the postmaster named in {@code postmaster.pid} if it serves this directory. A
	 * pid file whose PID now belongs to a process that is not PostgreSQL is removed:
	 * PostgreSQL itself takes over a pid file whose process is gone, but refuses to start
	 * while the PID is alive, even when it was recycled.
	 */
	static void stopPostgres(Path postgresDir) {
		Path pidFile = postgresDir.resolve("postmaster.pid");
		Optional<ProcessHandle> holder = readPid(pidFile).flatMap(ProcessHandle::of);
		if (holder.isEmpty()) {
			return;
		}
		if (isPostgresOf(holder.get(), postgresDir)) {
			log.warn("Stopping PostgreSQL (pid {}) left running on {} by a Herald local process that did not stop",
					holder.get().pid(), postgresDir);
			terminate(holder.get());
		}
		else if (executable(holder.get()).filter((command) -> !isPostgres(command)).isPresent()) {
			log.info("Removing {}: its PID {} now belongs to another program", pidFile, holder.get().pid());
			deleteIfPresent(pidFile);
		}
	}

	/** Stops every process running a Redis executable from this data directory. */
	static void stopRedis(Path binDir) {
		List<ProcessHandle> servers = ProcessHandle.allProcesses()
			.filter((process) -> executable(process).map((command) -> command.startsWith(binDir)).orElse(false))
			.toList();
		for (ProcessHandle server : servers) {
			log.warn("Stopping Redis (pid {}) left running from {} by a Herald local process that did not stop",
					server.pid(), binDir);
			terminate(server);
		}
	}

	static boolean isPostgresOf(ProcessHandle process, Path postgresDir) {
		return executable(process).filter(LeftoverServers::isPostgres).isPresent() && process.info()
			.commandLine()
			.map((line) -> line.contains(postgresDir.toAbsolutePath().toString()))
			.orElse(false);
	}

	private static boolean isPostgres(Path command) {
		return command.getFileName().toString().startsWith("postgres");
	}

	/**
	 * The process's executable; Linux reports a replaced or deleted one with a
	 * {@code " (deleted)"} suffix, which does not change the folder it was in.
	 */
	private static Optional<Path> executable(ProcessHandle process) {
		return process.info().command().map((command) -> Path.of(command.replace(" (deleted)", "")));
	}

	/** SIGTERM (a graceful stop for both servers), then SIGKILL after {@link #GRACE}. */
	private static void terminate(ProcessHandle process) {
		process.destroy();
		if (awaitExit(process, GRACE)) {
			return;
		}
		log.warn("Process {} did not stop within {} s: killing it", process.pid(), GRACE.toSeconds());
		process.destroyForcibly();
		if (!awaitExit(process, Duration.ofSeconds(10))) {
			throw new IllegalStateException("Cannot stop process " + process.pid()
					+ " left running by an earlier Herald local process: stop it and start again");
		}
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return !process.isAlive();
		}
		catch (ExecutionException ex) {
			return !process.isAlive();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while stopping process " + process.pid(), ex);
		}
	}

	private static Optional<Long> readPid(Path pidFile) {
		try {
			List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
			return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static void deleteIfPresent(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot remove the stale " + file, ex);
		}
	}

}
