package io.herald.admin.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.herald.admin.config.ConsoleProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final AtomicLong nanos = new AtomicLong();

	private final LoginThrottle throttle = new LoginThrottle(
			new ConsoleProperties.Login(3, 5, Duration.ofMinutes(15), 1000), this.nanos::get);

	@Test
	void aUserNameIsLockedAfterItsLimitOfFailuresFromAnyAddress() {
		this.throttle.failed("alice", "10.0.0.1");
		this.throttle.failed("Alice", "10.0.0.2");
		assertThat(this.throttle.isLocked("alice", "10.0.0.9")).isFalse();

		this.throttle.failed("ALICE ", "10.0.0.3");

		assertThat(this.throttle.isLocked("alice", "10.0.0.9")).isTrue();
		assertThat(this.throttle.isLocked("bob", "10.0.0.9")).isFalse();
	}

	@Test
	void anAddressIsLockedAfterItsLimitOfFailuresWhateverTheUserNames() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("user" + i, "10.0.0.1");
		}

		assertThat(this.throttle.isLocked("someone-new", "10.0.0.1")).isTrue();
		assertThat(this.throttle.isLocked("someone-new", "10.0.0.2")).isFalse();
	}

	@Test
	void theLockEndsWhenTheLockoutHasPassedSinceTheLastFailure() {
		for (int i = 0; i < 3; i++) {
			this.throttle.failed("carol", "10.0.0.1");
		}
		this.nanos.addAndGet(Duration.ofMinutes(14).toNanos());
		assertThat(this.throttle.isLocked("carol", "10.0.0.1")).isTrue();

		this.nanos.addAndGet(Duration.ofMinutes(2).toNanos());

		assertThat(this.throttle.isLocked("carol", "10.0.0.1")).isFalse();
	}

	@Test
	void aSuccessfulSignInClearsTheUserNameButNotTheAddress() {
		for (int i = 0; i < 2; i++) {
			this.throttle.failed("dave", "10.0.0.1");
		}
		this.throttle.failed("x", "10.0.0.1");
		this.throttle.failed("y", "10.0.0.1");

		this.throttle.succeeded("dave");
		this.throttle.failed("dave", "10.0.0.2");

		assertThat(this.throttle.isLocked("dave", "10.0.0.2")).isFalse();
		this.throttle.failed("z", "10.0.0.1");
		assertThat(this.throttle.isLocked("anyone", "10.0.0.1")).isTrue();
	}

}
