package io.herald.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.herald.local.process.AppProcess;
import io.herald.local.process.ProcessSample;

/**
 * CPU and memory of every process that takes part, over a measured window: the app
 * processes and this JVM (Kafka broker, receiver and load generator when embedded), with
 * their heap and their JIT compilers' time, read from their performance counters (so
 * sampling costs them nothing), and the embedded PostgreSQL and Redis processes (summed
 * over their processes, each with the children it has waited for: PostgreSQL's autovacuum
 * workers and backends that start and end inside the window count through the
 * postmaster).
 */
final class Monitor {

	private final List<Target> targets;

	private Monitor(List<Target> targets) {
		this.targets = targets;
	}

	/**
	 * Per process over one window; {@code jitSeconds} is the time its JIT compilers spent
	 * (-1 when not a JVM).
	 */
	record Usage(String name, double cpuSeconds, double cpuPercent, long maxRssBytes, long maxHeapBytes,
			double jitSeconds) {
	}

	static Monitor of(BenchStack stack) {
		List<Target> targets = new ArrayList<>();
		for (AppProcess app : stack.apps()) {
			targets.add(new Target(app.name(), () -> List.of(app.pid()), true));
		}
		long self = ProcessHandle.current().pid();
		targets.add(
				new Target(stack.embeddedServers() ? "bench JVM (Kafka, receiver, load)" : "bench JVM (receiver, load)",
						() -> List.of(self), true));
		if (stack.embeddedServers()) {
			// pg_ctl detaches the postmaster from this JVM: find it by its data directory
			String dataDir = stack.dataDir().toAbsolutePath().toString();
			List<ProcessHandle> postgres = roots((line) -> line.contains("postgres") && line.contains(dataDir));
			List<ProcessHandle> redis = ProcessHandle.current()
				.children()
				.filter((handle) -> handle.info()
					.commandLine()
					.map((line) -> line.contains("redis-server"))
					.orElse(false))
				.toList();
			targets.add(new Target("PostgreSQL (all processes)", () -> tree(postgres), false));
			targets.add(new Target("Redis", () -> tree(redis), false));
		}
		return new Monitor(List.copyOf(targets));
	}

	private static List<ProcessHandle> roots(Predicate<String> commandLine) {
		long self = ProcessHandle.current().pid();
		return ProcessHandle.allProcesses()
			.filter((handle) -> handle.pid() != self)
			.filter((handle) -> handle.info().commandLine().map(commandLine::test).orElse(false))
			.filter((handle) -> handle.parent()
				.map((parent) -> parent.info().commandLine().map((line) -> !commandLine.test(line)).orElse(true))
				.orElse(true))
			.toList();
	}

	private static List<Long> tree(List<ProcessHandle> roots) {
		return roots.stream()
			.flatMap((root) -> Stream.concat(Stream.of(root), root.descendants()))
			.map(ProcessHandle::pid)
			.distinct()
			.toList();
	}

	/** Starts a window. */
	synchronized void begin() {
		for (Target target : this.targets) {
			target.begin();
		}
	}

	/** Takes a sample for the maxima; call about once a second. */
	synchronized void sample() {
		for (Target target : this.targets) {
			target.sample();
		}
	}

	/**
	 * The JIT compilers' time so far of every JVM that takes part (the apps and this
	 * one), by name, in nanoseconds: what the warm-up watches to know when the JIT has
	 * settled.
	 */
	synchronized Map<String, Long> jitNanos() {
		Map<String, Long> jit = new LinkedHashMap<>();
		for (Target target : this.targets) {
			if (target.jvm) {
				jit.put(target.name, target.jit());
			}
		}
		return jit;
	}

	/** Ends the window. */
	synchronized List<Usage> end() {
		List<Usage> usages = new ArrayList<>();
		for (Target target : this.targets) {
			usages.add(target.end());
		}
		return usages;
	}

	private static final class Target {

		private final String name;

		private final Supplier<List<Long>> pids;

		/**
		 * Whether heap and JIT time are read (the JVMs, from their performance counters).
		 */
		private final boolean jvm;

		private long startCpu;

		private long startNanos;

		private long startJit;

		private long maxRss;

		private long maxHeap;

		Target(String name, Supplier<List<Long>> pids, boolean jvm) {
			this.name = name;
			this.pids = pids;
			this.jvm = jvm;
		}

		void begin() {
			this.startCpu = cpu();
			this.startNanos = System.nanoTime();
			this.startJit = this.jvm ? jit() : -1;
			this.maxRss = -1;
			this.maxHeap = -1;
			sample();
		}

		void sample() {
			long rss = 0;
			for (long pid : this.pids.get()) {
				ProcessSample sample = ProcessSample.of(pid, this.jvm);
				rss += Math.max(0, sample.rssBytes());
				this.maxHeap = Math.max(this.maxHeap, sample.heapUsedBytes());
			}
			this.maxRss = Math.max(this.maxRss, rss);
		}

		Usage end() {
			sample();
			double seconds = (System.nanoTime() - this.startNanos) / 1e9;
			double cpuSeconds = Math.max(0, cpu() - this.startCpu) / 1e9;
			long jit = this.jvm ? jit() : -1;
			double jitSeconds = (jit >= 0 && this.startJit >= 0) ? (jit - this.startJit) / 1e9 : -1;
			return new Usage(this.name, cpuSeconds, (seconds > 0) ? 100 * cpuSeconds / seconds : 0, this.maxRss,
					this.maxHeap, jitSeconds);
		}

		/** Summed over the target's processes; -1 when one cannot be read. */
		long jit() {
			long total = 0;
			for (long pid : this.pids.get()) {
				long nanos = ProcessSample.of(pid, true).jitNanos();
				if (nanos < 0) {
					return -1;
				}
				total += nanos;
			}
			return total;
		}

		/**
		 * Summed over the target's processes; a server's process tree also counts the
		 * processes that ended (in their parent's figure), an app or this JVM only itself
		 * (this JVM's children are the apps, which end after the window).
		 */
		private long cpu() {
			long total = 0;
			for (long pid : this.pids.get()) {
				total += Math.max(0,
						this.jvm ? ProcessSample.cpuNanos(pid) : ProcessSample.cpuNanosWithEndedChildren(pid));
			}
			return total;
		}

	}

}
