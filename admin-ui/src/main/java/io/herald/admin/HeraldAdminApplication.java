package io.herald.admin;

import java.util.Map;

import io.herald.core.config.HeraldCoreConfiguration;
import io.herald.core.startup.PatientStartup;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * The Herald admin console: a Thymeleaf web app with form login over the shared
 * PostgreSQL schema. Component scanning covers {@code io.herald.admin} only.
 */
@SpringBootApplication
@Import(HeraldCoreConfiguration.class)
public class HeraldAdminApplication {

	/**
	 * A builder for the console with its configuration files ({@code herald-core.yml},
	 * then {@code herald-admin.yml}); local mode starts the console through it.
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(HeraldAdminApplication.class)
			.properties(Map.of("spring.config.name", "herald-core,herald-admin"));
	}

	public static void main(String[] args) {
		PatientStartup.run("console", HeraldAdminApplication::builder, args);
	}

}
