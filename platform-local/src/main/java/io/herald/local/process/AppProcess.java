package io.herald.local.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Herald app running as a process of its own: its pid, its HTTP port, its log; wait
 * for health, read CPU, resident memory and heap, stop it gently (SIGTERM) or kill it
 * (SIGKILL) and start it again with the same command, as a fault-injection test would.
 */
public final class AppProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private final Supplier<AppProcess> restarter;

	AppProcess(String name, Process process, int port, Path log, Supplier<AppProcess> restarter) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
		this.restarter = restarter;
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.port;
	}

	public Path log() {
		return this.log;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Waits until {@code /actuator/health} answers 200; fails early, with the end of the
	 * log, if the process exits.
	 */
	public AppProcess awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + ":\n" + tailOfLog(40));
			}
			try {
				HttpResponse<Void> response = HTTP
					.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			pause();
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + ":\n" + tailOfLog(40));
	}

	/** CPU time and memory now, from {@code /proc} and the JVM's performance counters. */
	public ProcessSample sample() {
		return ProcessSample.of(this.process.pid(), true);
	}

	/** SIGKILL, as a crash would: no shutdown hook runs. */
	public void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(30));
	}

	/** SIGTERM and wait; SIGKILL if it does not stop in time. */
	public void stop(Duration grace) {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (!waitFor(grace)) {
			kill();
		}
	}

	/** The same app started again with the same command (after {@link #kill()}). */
	public AppProcess restart() {
		if (this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is still running");
		}
		return this.restarter.get();
	}

	public String tailOfLog(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		stop(Duration.ofSeconds(20));
	}

	@Override
	public String toString() {
		return this.name + " (pid " + pid() + ", port " + this.port + ")";
	}

	private boolean waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
