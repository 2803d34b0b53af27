package io.herald.worker;

import io.herald.core.config.HeraldCoreConfiguration;
import io.herald.core.startup.PatientStartup;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The worker: consumes {@code herald.events}, dedupes, fans out into the outbox and
 * dispatches it. Reads {@code herald-core.yml} then {@code herald-worker.yml}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableScheduling
// test-only Boot configurations in sub-packages must not join the real app
@ComponentScan(basePackages = "io.herald.worker",
		excludeFilters = { @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
				@Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
				@Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class) })
@Import(HeraldCoreConfiguration.class)
public class HeraldWorkerApplication {

	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(HeraldWorkerApplication.class)
			.properties("spring.config.name=herald-core,herald-worker");
	}

	public static void main(String[] args) {
		PatientStartup.run("worker", HeraldWorkerApplication::builder, args);
	}

}
