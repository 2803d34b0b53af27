package io.herald.local;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.herald.admin.HeraldAdminApplication;
import io.herald.api.HeraldApiApplication;
import io.herald.core.startup.PatientStartup;
import io.herald.worker.HeraldWorkerApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The three Herald apps as local mode starts them: each in its own Spring context of this
 * one JVM. They share one classpath here, so each context switches off the
 * auto-configurations that only another app's starters brought in (a worker must not
 * become secured by the console's Spring Security, the console must not bind Spring Cloud
 * Stream functions, and so on).
 */
enum LocalApp {

	WORKER("worker", HeraldWorkerApplication.class, HeraldWorkerApplication::builder,
			List.of(Excluded.SECURITY, Excluded.THYMELEAF)),

	API("api", HeraldApiApplication.class, HeraldApiApplication::builder,
			List.of(Excluded.THYMELEAF, Excluded.STREAM, Excluded.INTEGRATION, Excluded.MAIL)),

	// the console reads and re-drives the dead-letter topic: it keeps Kafka
	ADMIN("admin", HeraldAdminApplication.class, HeraldAdminApplication::builder,
			List.of(Excluded.STREAM, Excluded.INTEGRATION, Excluded.MAIL));

	private final String name;

	private final Class<?> mainClass;

	private final Supplier<SpringApplicationBuilder> builder;

	private final List<String> excludedAutoConfigurations;

	LocalApp(String name, Class<?> mainClass, Supplier<SpringApplicationBuilder> builder, List<List<String>> excluded) {
		this.name = name;
		this.mainClass = mainClass;
		this.builder = builder;
		this.excludedAutoConfigurations = excluded.stream().flatMap(List::stream).toList();
	}

	String displayName() {
		return this.name;
	}

	/**
	 * Starts the app with the given properties, which win over the app's own
	 * configuration files.
	 */
	ConfigurableApplicationContext start(Map<String, String> properties) {
		Map<String, String> effective = new LinkedHashMap<>(properties);
		// local mode listens on loopback only: actuator stays on each app's own port
		// instead
		// of the separate management port the apps default to (decision 0041), so that
		// several apps and processes on one machine never compete for it
		String port = properties.get("server.port");
		if (port != null && !"0".equals(port)) {
			effective.putIfAbsent("management.server.port", port);
		}
		String[] args = effective.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		// a process restarted while PostgreSQL is away waits for it instead of exiting
		return PatientStartup.run(this.name,
				() -> this.builder.get()
					.main(this.mainClass)
					.initializers(new ExcludeAutoConfigurations(this.excludedAutoConfigurations)),
				args);
	}

	/**
	 * Adds auto-configurations to {@code spring.autoconfigure.exclude} without dropping
	 * the ones the app's own configuration already excludes.
	 */
	private record ExcludeAutoConfigurations(
			List<String> classes) implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			ConfigurableEnvironment environment = context.getEnvironment();
			Set<String> excluded = new LinkedHashSet<>(Binder.get(environment)
				.bind("spring.autoconfigure.exclude", Bindable.listOf(String.class))
				.orElse(List.of()));
			excluded.addAll(this.classes);
			environment.getPropertySources()
				.addFirst(new MapPropertySource("heraldLocalExclusions",
						Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
		}

	}

	/** Auto-configurations by the starter that brings them. */
	private static final class Excluded {

		static final List<String> SECURITY = List.of(
				"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

		static final List<String> THYMELEAF = List
			.of("org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration");

		static final List<String> STREAM = List.of(
				"org.springframework.cloud.stream.config.BindingServiceConfiguration",
				"org.springframework.cloud.stream.function.FunctionConfiguration",
				"org.springframework.cloud.stream.config.BindersHealthIndicatorAutoConfiguration",
				"org.springframework.cloud.stream.config.BindingsEndpointAutoConfiguration",
				"org.springframework.cloud.stream.config.ChannelsEndpointAutoConfiguration",
				"org.springframework.cloud.stream.binder.kafka.config.ExtendedBindingHandlerMappingsProviderConfiguration",
				"org.springframework.cloud.stream.binder.kafka.config.MessageConverterHelperConfiguration",
				"org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration",
				"org.springframework.cloud.function.context.config.FunctionsEndpointAutoConfiguration",
				"org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration",
				"org.springframework.cloud.function.observability.ObservationAutoConfiguration");

		static final List<String> INTEGRATION = List.of(
				"org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
				"org.springframework.boot.integration.autoconfigure.IntegrationGraphEndpointAutoConfiguration",
				"org.springframework.boot.integration.autoconfigure.metrics.IntegrationMetricsAutoConfiguration");

		static final List<String> MAIL = List.of(
				"org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration",
				"org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
				"org.springframework.boot.mail.autoconfigure.MailSenderValidatorAutoConfiguration");

	}

}
