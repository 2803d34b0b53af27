package io.herald.worker.retention;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the retention runner; {@code herald.retention.enabled=false} keeps it idle.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
class RetentionConfiguration {

	@Bean
	RetentionRunner retentionRunner(RetentionProperties properties, JdbcClient jdbc, TransactionTemplate transactions,
			Clock clock, MeterRegistry meters) {
		return new RetentionRunner(properties, new RetentionBatches(jdbc, transactions), clock, meters);
	}

}
