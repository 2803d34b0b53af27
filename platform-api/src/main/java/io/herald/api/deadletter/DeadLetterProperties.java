package io.herald.api.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code herald.dead-letters.*} setting of the API: the bounds of one scan of the
 * dead-letter topic (a listing or a re-drive reads it from the beginning).
 *
 * @param maxScan the most records one scan reads; beyond it the answer says
 * {@code "truncated": true}
 * @param scanTimeout the longest one scan reads; beyond it the answer says
 * {@code "truncated": true}
 * @param chunk how many letters a re-drive publishes per database transaction
 */
@Validated
@ConfigurationProperties("herald.dead-letters")
public record DeadLetterProperties(@Min(1) @Max(1_000_000) @DefaultValue("50000") int maxScan,
		@NotNull @DefaultValue("20s") Duration scanTimeout, @Min(1) @Max(1000) @DefaultValue("100") int chunk) {

}
