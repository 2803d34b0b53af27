package io.herald.worker.delivery;

import io.herald.core.config.HeraldCoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The delivery half of the worker alone (dispatcher and every channel provider), without
 * the Kafka consumer and fan-out, so that delivery tests need PostgreSQL only. Of the
 * channel package only the production configurations are taken, not other tests' apps.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeraldCoreConfiguration.class)
@ComponentScan(basePackages = { "io.herald.worker.delivery", "io.herald.worker.audit" },
		excludeFilters = @ComponentScan.Filter(SpringBootConfiguration.class))
@ComponentScan(basePackages = "io.herald.worker.channel", useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "io\\.herald\\.worker\\.channel\\.(Channels|Webhook)Configuration"))
class DeliveryTestApplication {

}
