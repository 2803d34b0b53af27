package io.herald.core.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackManagementAddressTests {

	private final LoopbackManagementAddress postProcessor = new LoopbackManagementAddress();

	@Test
	void aSeparateManagementPortListensOnLoopbackByDefault() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("management.server.port", "9080");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.1");
	}

	@Test
	void aConfiguredAddressWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080")
			.withProperty("management.server.port", "9080")
			.withProperty("management.server.address", "10.0.0.5");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.server.address")).isEqualTo("10.0.0.5");
	}

	@Test
	void actuatorOnTheAppsOwnPortGetsNoAddressWhichSpringBootWouldRefuse() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "28080")
			.withProperty("management.server.port", "28080");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty("management.server.address")).isFalse();

		MockEnvironment unset = new MockEnvironment().withProperty("server.port", "8080");
		this.postProcessor.postProcessEnvironment(unset, new SpringApplication());
		assertThat(unset.containsProperty("management.server.address")).isFalse();
	}

}
