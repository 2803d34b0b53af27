package io.herald.core.startup;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PatientStartup} on real (small) Spring contexts whose one bean fails the way a
 * Herald app fails when PostgreSQL is away, or for another reason.
 */
class PatientStartupTests {

	static final AtomicInteger attempts = new AtomicInteger();

	static volatile int failuresLeft;

	static volatile RuntimeException failure;

	@BeforeEach
	void reset() {
		attempts.set(0);
		failuresLeft = 0;
		failure = null;
	}

	@Test
	void aStartThatFailsBecauseTheDatabaseIsAwayIsRepeatedUntilItIsBack() {
		failuresLeft = 2;
		failure = new IllegalStateException("liquibase", new SQLException("Connection refused", "08001"));
		try (ConfigurableApplicationContext context = PatientStartup.run("test", PatientStartupTests::app,
				Duration.ofMinutes(1), Duration.ofMillis(10))) {
			assertThat(context.isActive()).isTrue();
			assertThat(context.getBean("probe")).isEqualTo("started");
		}
		assertThat(attempts).hasValue(3);
	}

	@Test
	void anyOtherFailureEndsTheStartAtOnce() {
		failuresLeft = 5;
		failure = new IllegalStateException("herald.crypto.key is not set");
		assertThatThrownBy(() -> PatientStartup.run("test", PatientStartupTests::app, Duration.ofMinutes(1),
				Duration.ofMillis(10)))
			.hasRootCauseMessage("herald.crypto.key is not set");
		assertThat(attempts).hasValue(1);
	}

	@Test
	void patienceEndsAndTheLastFailureIsThrown() {
		failuresLeft = Integer.MAX_VALUE;
		failure = new IllegalStateException(new SQLException("the database system is shutting down", "57P03"));
		assertThatThrownBy(() -> PatientStartup.run("test", PatientStartupTests::app, Duration.ofSeconds(1),
				Duration.ofMillis(50)))
			.hasRootCauseMessage("the database system is shutting down");
		// the database never came back and the start ended (how many attempts fit into a
		// second depends on the machine)
		assertThat(attempts.get()).isPositive();
		assertThat(failuresLeft).isPositive();
	}

	@Test
	void zeroPatienceFailsAtOnce() {
		failuresLeft = 1;
		failure = new IllegalStateException(new ConnectException("Connection refused"));
		assertThatThrownBy(
				() -> PatientStartup.run("test", PatientStartupTests::app, Duration.ZERO, Duration.ofMillis(10)))
			.hasRootCauseInstanceOf(ConnectException.class);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void databaseUnavailableMeansConnectionErrorsShutdownsRefusalsAndHibernatesMissingMetadata() {
		assertThat(PatientStartup.isDatabaseUnavailable(new RuntimeException(new SQLException("x", "08006")))).isTrue();
		assertThat(PatientStartup.isDatabaseUnavailable(new SQLException("admin shutdown", "57P01"))).isTrue();
		assertThat(PatientStartup.isDatabaseUnavailable(new RuntimeException(new ConnectException("refused"))))
			.isTrue();
		assertThat(PatientStartup.isDatabaseUnavailable(new org.hibernate.HibernateException(
				"Unable to determine Dialect without JDBC metadata (please set 'jakarta.persistence.jdbc.url')")))
			.isTrue();
		// a schema or permission error is not an outage: starting again would not help
		assertThat(PatientStartup.isDatabaseUnavailable(new SQLException("relation missing", "42P01"))).isFalse();
		assertThat(PatientStartup.isDatabaseUnavailable(new SQLException("password authentication failed", "28P01")))
			.isFalse();
		assertThat(PatientStartup.isDatabaseUnavailable(new IllegalStateException("no key"))).isFalse();
	}

	@Test
	void patienceComesFromTheCommandLineOrDefaultsToFiveMinutes() {
		assertThat(PatientStartup.patience("--herald.startup.database-patience=30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(PatientStartup.patience("--server.port=0")).isEqualTo(Duration.ofMinutes(5));
	}

	static SpringApplicationBuilder app() {
		return new SpringApplicationBuilder(ProbeConfiguration.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off");
	}

	@Configuration(proxyBeanMethods = false)
	static class ProbeConfiguration {

		@Bean
		String probe() {
			attempts.incrementAndGet();
			if (failuresLeft > 0) {
				failuresLeft--;
				throw failure;
			}
			return "started";
		}

	}

}
