package io.herald.admin.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's own settings ({@code herald.console.*}).
 *
 * @param login how failed sign-ins are throttled
 */
@Validated
@ConfigurationProperties("herald.console")
public record ConsoleProperties(@Valid @DefaultValue Login login) {

	/**
	 * Failed sign-ins are counted per user name and per source address; when either count
	 * reaches its limit, sign-in for that name or address is refused until
	 * {@code lockout} has passed since the last failure.
	 *
	 * @param maxFailuresPerUsername failures before a user name is locked
	 * @param maxFailuresPerAddress failures before a source address is locked
	 * @param lockout how long a lock lasts after the last failure
	 * @param trackedKeys at most this many user names and addresses are remembered
	 */
	public record Login(@DefaultValue("5") @Min(1) int maxFailuresPerUsername,
			@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("15m") Duration lockout,
			@DefaultValue("100000") @Min(100) long trackedKeys) {

	}

}
