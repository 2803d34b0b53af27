package io.herald.worker.replay;

import io.herald.core.config.HeraldCoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The replay runner alone, without dispatcher and Kafka, so that requeued rows stay
 * {@code PENDING} and every requeue can be counted.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeraldCoreConfiguration.class)
@ComponentScan(basePackages = "io.herald.worker.replay",
		excludeFilters = @ComponentScan.Filter(SpringBootConfiguration.class))
class ReplayTestApplication {

}
