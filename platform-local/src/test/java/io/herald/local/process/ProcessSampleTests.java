package io.herald.local.process;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessSampleTests {

	@Test
	void heapInUseIsTheSumOfTheHeapSpacesCountersOnly() {
		ByteBuffer perfData = perfData(ByteOrder.LITTLE_ENDIAN,
				new Counter("sun.gc.generation.0.space.0.used", 10_485_760L),
				new Counter("sun.gc.generation.0.space.2.used", 1_024L),
				new Counter("sun.gc.generation.0.space.0.capacity", 99_000_000L),
				new Counter("sun.gc.metaspace.used", 99_000_000L),
				new Counter("sun.gc.generation.1.space.0.used", 20_971_520L));
		assertThat(ProcessSample.heapUsedFromPerfData(perfData)).isEqualTo(31_458_304L);
		assertThat(ProcessSample
			.heapUsedFromPerfData(perfData(ByteOrder.BIG_ENDIAN, new Counter("sun.gc.generation.1.space.0.used", 7L))))
			.isEqualTo(7L);
	}

	@Test
	void aBufferWithoutHeapCountersOrNotPerfDataHasNoHeap() {
		assertThat(ProcessSample
			.heapUsedFromPerfData(perfData(ByteOrder.LITTLE_ENDIAN, new Counter("sun.gc.metaspace.used", 1L))))
			.isEqualTo(-1);
		assertThat(ProcessSample.heapUsedFromPerfData(ByteBuffer.wrap(new byte[64]))).isEqualTo(-1);
		assertThat(ProcessSample.heapUsedFromPerfData(ByteBuffer.wrap(new byte[3]))).isEqualTo(-1);
	}

	@Test
	void jitTimeIsTheCompilersTicksOverTheTickFrequency() {
		ByteBuffer perfData = perfData(ByteOrder.LITTLE_ENDIAN, new Counter("java.ci.totalTime", 3_000_000_000L),
				new Counter("sun.os.hrt.frequency", 1_000_000_000L), new Counter("sun.ci.totalCompiles", 12L));
		assertThat(ProcessSample.jitNanosFromPerfData(perfData)).isEqualTo(3_000_000_000L);
		assertThat(ProcessSample.jitNanosFromPerfData(perfData(ByteOrder.BIG_ENDIAN,
				new Counter("sun.os.hrt.frequency", 1_000_000L), new Counter("java.ci.totalTime", 2_500_000L))))
			.isEqualTo(2_500_000_000L);
		assertThat(ProcessSample
			.jitNanosFromPerfData(perfData(ByteOrder.LITTLE_ENDIAN, new Counter("java.ci.totalTime", 5L))))
			.isEqualTo(-1);
	}

	@Test
	void thisJvmsHeapAndJitTimeAreReadFromItsOwnPerformanceCounters() {
		CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
		long compiledBefore = compilation.getTotalCompilationTime();
		ProcessSample sample = ProcessSample.of(ProcessHandle.current().pid(), true);
		long compiledAfter = compilation.getTotalCompilationTime();
		assertThat(sample.heapUsedBytes()).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
		// the same counter as the CompilationMXBean's, which keeps counting meanwhile
		assertThat(sample.jitNanos() / 1_000_000).isPositive().isBetween(compiledBefore - 1, compiledAfter + 1);
	}

	@Test
	void thisProcessHasCpuTimeAndResidentMemory() {
		ProcessSample sample = ProcessSample.of(ProcessHandle.current().pid(), false);
		assertThat(sample.cpuNanos()).isPositive();
		assertThat(sample.rssBytes()).isPositive();
		assertThat(sample.heapUsedBytes()).isEqualTo(-1);
		assertThat(sample.jitNanos()).isEqualTo(-1);
	}

	@Test
	void aParentCountsTheCpuOfTheChildrenItWaitedFor() throws Exception {
		// a shell whose child burns CPU and ends (waited for by the shell), then sleeps:
		// like PostgreSQL's postmaster after an autovacuum worker ended
		Process parent = new ProcessBuilder("sh", "-c",
				"sh -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done'; exec sleep 30")
			.start();
		try {
			long pid = parent.pid();
			// once the sleep runs, the child has ended and its time is in the parent's
			// figure, not in the parent's own
			await("the parent runs sleep").atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> parent.info().command().map((command) -> command.endsWith("sleep")).orElse(false));
			long own = ProcessSample.cpuNanos(pid);
			long withChildren = ProcessSample.cpuNanosWithEndedChildren(pid);
			assertThat(own).isNotNegative();
			assertThat(withChildren - own).as("the ended child's CPU").isGreaterThanOrEqualTo(50_000_000L);
		}
		finally {
			parent.destroyForcibly();
		}
		assertThat(ProcessSample.cpuNanosWithEndedChildren(Long.MAX_VALUE)).isEqualTo(-1);
	}

	@Test
	void secretsGoToTheEnvironmentUnderSpringBootsRelaxedName() {
		assertThat(AppLauncher.environmentName("herald.crypto.key")).isEqualTo("HERALD_CRYPTO_KEY");
		assertThat(AppLauncher.environmentName("spring.datasource.password")).isEqualTo("SPRING_DATASOURCE_PASSWORD");
	}

	private record Counter(String name, long value) {
	}

	/** A HotSpot performance data buffer holding {@code counters} (long scalars). */
	private static ByteBuffer perfData(ByteOrder order, Counter... counters) {
		ByteBuffer buffer = ByteBuffer.allocate(4096).order(order);
		buffer.order(ByteOrder.BIG_ENDIAN).putInt(0, 0xcafec0c0).order(order);
		buffer.put(4, (byte) ((order == ByteOrder.BIG_ENDIAN) ? 0 : 1));
		buffer.put(5, (byte) 2);
		buffer.putInt(24, 32);
		buffer.putInt(28, counters.length + 1);
		int offset = 32;
		// a string entry (a byte vector) between the counters is skipped
		offset += entry(buffer, offset, "sun.gc.policy.name", 'B', 16, new byte[16]);
		for (Counter counter : counters) {
			byte[] value = ByteBuffer.allocate(8).order(order).putLong(counter.value()).array();
			offset += entry(buffer, offset, counter.name(), 'J', 0, value);
		}
		return buffer.order(ByteOrder.BIG_ENDIAN);
	}

	private static int entry(ByteBuffer buffer, int offset, String name, char type, int vectorLength, byte[] data) {
		byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
		int dataOffset = (20 + nameBytes.length + 7) & ~7;
		int length = (dataOffset + data.length + 7) & ~7;
		buffer.putInt(offset, length);
		buffer.putInt(offset + 4, 20);
		buffer.putInt(offset + 8, vectorLength);
		buffer.put(offset + 12, (byte) type);
		buffer.putInt(offset + 16, dataOffset);
		buffer.put(offset + 20, nameBytes);
		buffer.put(offset + dataOffset, data);
		return length;
	}

}
