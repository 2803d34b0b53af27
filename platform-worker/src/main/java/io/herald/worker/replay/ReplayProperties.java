package io.herald.worker.replay;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code herald.replay.*} setting of the worker.
 *
 * @param enabled whether this worker instance runs replay jobs
 * @param ratePerSecond requeues per second of a job that names no rate
 * @param pollInterval how often an idle runner looks for a job
 * @param lease how long a runner holds a job without renewing it (each chunk renews);
 * after that another worker resumes it
 */
@Validated
@ConfigurationProperties("herald.replay")
public record ReplayProperties(@DefaultValue("true") boolean enabled,
		@Min(1) @Max(1000) @DefaultValue("50") int ratePerSecond, @NotNull @DefaultValue("1s") Duration pollInterval,
		@NotNull @DefaultValue("30s") Duration lease) {

}
