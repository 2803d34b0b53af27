package io.herald.worker.retention;

import io.herald.core.config.HeraldCoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The retention runner alone, without dispatcher and Kafka.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeraldCoreConfiguration.class)
@ComponentScan(basePackages = "io.herald.worker.retention",
		excludeFilters = @ComponentScan.Filter(SpringBootConfiguration.class))
class RetentionTestApplication {

}
