package io.herald.local.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * CPU time and memory of one process at one moment: user + system CPU from
 * {@code /proc/<pid>/stat}, resident set from {@code /proc/<pid>/status}, and for a JVM
 * the heap in use from its HotSpot performance counters
 * ({@code /tmp/hsperfdata_<user>/<pid>}, the memory-mapped file {@code jstat} reads: the
 * {@code sun.gc.generation.*.space.*.used} counters, the same figures as the heap memory
 * pools' usage) and the time its JIT compilers have spent so far
 * ({@code java.ci.totalTime} in ticks of {@code sun.os.hrt.frequency}, what
 * {@code jstat -compiler} and the {@code CompilationMXBean} report). Reading that file
 * costs the sampled process nothing, unlike a scrape of its metrics endpoint. A value
 * that cannot be read is -1 (not Linux, process gone, not a HotSpot JVM,
 * {@code -XX:-UsePerfData}).
 *
 * @param cpuNanos user + system CPU time used so far
 * @param rssBytes resident set size
 * @param heapUsedBytes JVM heap in use
 * @param jitNanos time spent compiling (summed over the compiler threads) so far
 */
public record ProcessSample(long cpuNanos, long rssBytes, long heapUsedBytes, long jitNanos) {

	/**
	 * Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms on every common kernel.
	 */
	private static final long NANOS_PER_TICK = 10_000_000L;

	/** HotSpot's {@code PerfDataPrologue} magic, in its first four bytes. */
	private static final int PERF_DATA_MAGIC = 0xcafec0c0;

	private static final Pattern HEAP_SPACE_USED = Pattern
		.compile("sun\\.gc\\.generation\\.\\d+\\.space\\.\\d+\\.used");

	private static final String JIT_TICKS = "java.ci.totalTime";

	private static final String TICKS_PER_SECOND = "sun.os.hrt.frequency";

	/** Samples a process; its heap and JIT time only when {@code jvm}. */
	public static ProcessSample of(long pid, boolean jvm) {
		ByteBuffer perfData = jvm ? perfData(pid) : null;
		return new ProcessSample(cpuNanos(pid), rssBytes(pid), (perfData != null) ? heapUsedFromPerfData(perfData) : -1,
				(perfData != null) ? jitNanosFromPerfData(perfData) : -1);
	}

	/** User + system CPU time of the process itself so far; -1 when it cannot be read. */
	public static long cpuNanos(long pid) {
		return cpuNanos(pid, false);
	}

	/**
	 * User + system CPU time of a process so far, and of the children it has waited for:
	 * a process that ended counts in its parent's figure from then on (the kernel adds
	 * its time, and that of its own waited-for children, to the parent's). Summed over
	 * the live processes of a tree, this counts the CPU of processes that started and
	 * ended between two samples too, such as PostgreSQL's autovacuum workers. -1 when it
	 * cannot be read.
	 */
	public static long cpuNanosWithEndedChildren(long pid) {
		return cpuNanos(pid, true);
	}

	private static long cpuNanos(long pid, boolean endedChildren) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// the command name in parentheses may hold spaces: fields count from after it
			// (utime, stime, cutime, cstime: fields 14-17 of proc(5))
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			if (endedChildren) {
				ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
			}
			return ticks * NANOS_PER_TICK;
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

	private static ByteBuffer perfData(long pid) {
		try {
			String user = ProcessHandle.of(pid)
				.flatMap((handle) -> handle.info().user())
				.orElse(System.getProperty("user.name"));
			// HotSpot puts it in /tmp on Linux whatever java.io.tmpdir says
			Path file = Path.of("/tmp", "hsperfdata_" + user, String.valueOf(pid));
			return ByteBuffer.wrap(Files.readAllBytes(file));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The sum of the heap spaces' {@code used} counters in a HotSpot performance data
	 * buffer, or -1 when it holds none.
	 */
	static long heapUsedFromPerfData(ByteBuffer buffer) {
		long[] sum = { 0, 0 };
		scan(buffer, (name, value) -> {
			if (HEAP_SPACE_USED.matcher(name).matches()) {
				sum[0] += value;
				sum[1] = 1;
			}
		});
		return (sum[1] == 1) ? sum[0] : -1;
	}

	/**
	 * The JIT compilers' time so far in a HotSpot performance data buffer, in
	 * nanoseconds, or -1 when it does not hold it.
	 */
	static long jitNanosFromPerfData(ByteBuffer buffer) {
		long[] ticks = { -1, -1 };
		scan(buffer, (name, value) -> {
			if (JIT_TICKS.equals(name)) {
				ticks[0] = value;
			}
			else if (TICKS_PER_SECOND.equals(name)) {
				ticks[1] = value;
			}
		});
		return (ticks[0] >= 0 && ticks[1] > 0) ? (long) (ticks[0] * (1e9 / ticks[1])) : -1;
	}

	/**
	 * Hands every long scalar counter of a HotSpot performance data buffer to
	 * {@code counter} (prologue: magic, byte order, versions, used, overflow,
	 * modification time, entry offset, entry count; then entries: length, name offset,
	 * vector length, type, flags, units, variability, data offset); nothing when the
	 * buffer is not one.
	 */
	private static void scan(ByteBuffer buffer, LongCounter counter) {
		if (buffer.limit() < 32 || buffer.order(ByteOrder.BIG_ENDIAN).getInt(0) != PERF_DATA_MAGIC) {
			return;
		}
		buffer.order((buffer.get(4) == 0) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		int offset = buffer.getInt(24);
		int entries = buffer.getInt(28);
		for (int i = 0; i < entries && offset + 20 <= buffer.limit(); i++) {
			int length = buffer.getInt(offset);
			if (length <= 0) {
				break;
			}
			boolean scalarLong = buffer.getInt(offset + 8) == 0 && buffer.get(offset + 12) == 'J';
			if (scalarLong) {
				counter.accept(name(buffer, offset + buffer.getInt(offset + 4)),
						buffer.getLong(offset + buffer.getInt(offset + 16)));
			}
			offset += length;
		}
	}

	private interface LongCounter {

		void accept(String name, long value);

	}

	private static String name(ByteBuffer buffer, int start) {
		int end = start;
		while (end < buffer.limit() && buffer.get(end) != 0) {
			end++;
		}
		byte[] bytes = new byte[end - start];
		buffer.get(start, bytes);
		return new String(bytes, StandardCharsets.US_ASCII);
	}

}
