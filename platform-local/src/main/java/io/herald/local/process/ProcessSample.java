package io.herald.local.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time and memory of one process at one moment: user + system CPU from
 * {@code /proc/<pid>/stat}, resident set from {@code /proc/<pid>/status}, and for a
 * Herald app the JVM heap in use from its Prometheus endpoint
 * ({@code jvm_memory_used_bytes}, area heap). A value that cannot be read is -1 (not
 * Linux, process gone, no endpoint).
 *
 * @param cpuNanos user + system CPU time used so far
 * @param rssBytes resident set size
 * @param heapUsedBytes JVM heap in use
 */
public record ProcessSample(long cpuNanos, long rssBytes, long heapUsedBytes) {

	/**
	 * Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms on every common kernel.
	 */
	private static final long NANOS_PER_TICK = 10_000_000L;

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	/** Samples a process; {@code prometheusUrl} may be {@code null}. */
	public static ProcessSample of(long pid, String prometheusUrl) {
		return new ProcessSample(cpuNanos(pid), rssBytes(pid), (prometheusUrl != null) ? heapUsed(prometheusUrl) : -1);
	}

	static long cpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// the command name in parentheses may hold spaces: fields count from after it
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static long rssBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static long heapUsed(String prometheusUrl) {
		try {
			HttpResponse<String> response = HTTP.send(
					HttpRequest.newBuilder(URI.create(prometheusUrl)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return -1;
			}
			return heapUsedFromPrometheus(response.body());
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	static long heapUsedFromPrometheus(String text) {
		double sum = 0;
		boolean found = false;
		for (String line : text.split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				found = true;
			}
		}
		return found ? (long) sum : -1;
	}

}
