package io.herald.worker.secret;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code herald.secret-rotation.*} setting of the worker.
 *
 * @param enabled whether this worker instance re-encrypts stored secrets under the active
 * key ({@code herald.crypto.active-key})
 * @param batchSize secrets per transaction
 * @param pollInterval how often an idle runner checks whether secrets need re-encrypting
 * (after the active key changed, or after a pass while an instance still wrote with the
 * previous key)
 * @param lease how long a runner holds the rotation without renewing it (each batch
 * renews); after that another worker resumes it
 */
@Validated
@ConfigurationProperties("herald.secret-rotation")
public record SecretRotationProperties(@DefaultValue("true") boolean enabled,
		@Min(1) @Max(10_000) @DefaultValue("100") int batchSize, @NotNull @DefaultValue("30s") Duration pollInterval,
		@NotNull @DefaultValue("30s") Duration lease) {

}
