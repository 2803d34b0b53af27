package io.herald.local.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSampleTests {

	@Test
	void heapInUseIsTheSumOfTheHeapPoolsOnly() {
		String prometheus = """
				# HELP jvm_memory_used_bytes The amount of used memory
				jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
				jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
				jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
				""";
		assertThat(ProcessSample.heapUsedFromPrometheus(prometheus)).isEqualTo(31_457_280L);
		assertThat(ProcessSample.heapUsedFromPrometheus("up 1")).isEqualTo(-1);
	}

	@Test
	void thisProcessHasCpuTimeAndResidentMemory() {
		ProcessSample sample = ProcessSample.of(ProcessHandle.current().pid(), null);
		assertThat(sample.cpuNanos()).isPositive();
		assertThat(sample.rssBytes()).isPositive();
		assertThat(sample.heapUsedBytes()).isEqualTo(-1);
	}

	@Test
	void secretsGoToTheEnvironmentUnderSpringBootsRelaxedName() {
		assertThat(AppLauncher.environmentName("herald.crypto.key")).isEqualTo("HERALD_CRYPTO_KEY");
		assertThat(AppLauncher.environmentName("spring.datasource.password")).isEqualTo("SPRING_DATASOURCE_PASSWORD");
	}

}
