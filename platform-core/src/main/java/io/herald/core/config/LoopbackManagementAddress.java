package io.herald.core.config;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Binds the management port to {@value #LOOPBACK} unless configured otherwise, whenever
 * it is a port of its own (decision 0041). Not a line in the apps' YAML because Spring
 * Boot refuses a {@code management.server.address} when actuator shares the app's port,
 * as it does in local mode.
 */
public class LoopbackManagementAddress implements EnvironmentPostProcessor, Ordered {

	static final String ADDRESS = "management.server.address";

	static final String LOOPBACK = "127.0.0.1";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String managementPort = environment.getProperty("management.server.port");
		if (managementPort == null || environment.containsProperty(ADDRESS)
				|| Objects.equals(managementPort, environment.getProperty("server.port", "8080"))) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("heraldLoopbackManagementAddress", Map.of(ADDRESS, LOOPBACK)));
	}

	/** After the configuration files are read. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
