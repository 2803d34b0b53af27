package io.herald.api;

import java.util.Map;

import io.herald.core.config.HeraldCoreConfiguration;
import io.herald.core.startup.PatientStartup;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The Herald tenant API: REST resources for configuration, event ingestion to Kafka and
 * the operator endpoints. Component scanning covers {@code io.herald.api} only.
 */
@SpringBootApplication
@Import(HeraldCoreConfiguration.class)
public class HeraldApiApplication {

	/**
	 * A builder for the API with its configuration files ({@code herald-core.yml}, then
	 * {@code herald-api.yml}); local mode starts the API through it.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(HeraldApiApplication.class)
			.properties(Map.of("spring.config.name", "herald-core,herald-api"));
	}

	public static void main(String[] args) {
		PatientStartup.run("api", HeraldApiApplication::builder, args);
	}

}
