package io.herald.core.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every Herald app shares ({@code herald.crypto.*}).
 *
 * @param crypto encryption of secrets at rest
 */
@Validated
@ConfigurationProperties("herald")
public record HeraldCoreProperties(@Valid @DefaultValue Crypto crypto) {

	/** Built in for local mode and tests only; a warning is logged when it is in use. */
	public static final String DEVELOPMENT_KEY = "aGVyYWxkLWxvY2FsLWRldmVsb3BtZW50LWtleS0zMmI=";

	/**
	 * @param key base64 of 32 random bytes (AES-256) that encrypts webhook signing
	 * secrets and provider credentials; generate one with {@code openssl rand -base64 32}
	 */
	public record Crypto(@NotBlank @DefaultValue(DEVELOPMENT_KEY) String key) {
	}

}
