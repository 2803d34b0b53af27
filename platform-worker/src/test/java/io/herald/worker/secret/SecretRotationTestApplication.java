package io.herald.worker.secret;

import io.herald.core.config.HeraldCoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The key rotation runner alone, without dispatcher and Kafka.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeraldCoreConfiguration.class)
@ComponentScan(basePackages = "io.herald.worker.secret",
		excludeFilters = @ComponentScan.Filter(SpringBootConfiguration.class))
class SecretRotationTestApplication {

}
