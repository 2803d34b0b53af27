package io.herald.admin.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of one scan of the dead-letter topic by the console, under the same
 * {@code herald.dead-letters.*} names and defaults as the API's.
 *
 * @param maxScan the most records one scan reads
 * @param scanTimeout the longest one scan reads
 * @param chunk how many letters a re-drive publishes per database transaction
 */
@Validated
@ConfigurationProperties("herald.dead-letters")
record DeadLetterProperties(@Min(1) @Max(1_000_000) @DefaultValue("50000") int maxScan,
		@NotNull @DefaultValue("20s") Duration scanTimeout, @Min(1) @Max(1000) @DefaultValue("100") int chunk) {

}
