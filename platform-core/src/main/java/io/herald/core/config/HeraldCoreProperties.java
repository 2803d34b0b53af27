package io.herald.core.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every Herald app shares ({@code herald.crypto.*}, {@code herald.api-keys.*}).
 *
 * @param crypto encryption of secrets at rest
 * @param apiKeys hashing of API keys
 */
@Validated
@ConfigurationProperties("herald")
public record HeraldCoreProperties(@Valid @DefaultValue Crypto crypto, @Valid @DefaultValue ApiKeys apiKeys) {

	/** Built in for local mode and tests only; a warning is logged when it is in use. */
	public static final String DEVELOPMENT_KEY = "aGVyYWxkLWxvY2FsLWRldmVsb3BtZW50LWtleS0zMmI=";

	/**
	 * @param key base64 of 32 random bytes (AES-256) that encrypts webhook signing
	 * secrets and provider credentials; generate one with {@code openssl rand -base64 32}
	 */
	public record Crypto(@NotBlank @DefaultValue(DEVELOPMENT_KEY) String key) {
	}

	/** Built in for local mode and tests only; a warning is logged when it is in use. */
	public static final String DEVELOPMENT_PEPPER = "aGVyYWxkLWxvY2FsLWRldmVsb3BtZW50LXBlcHBlci0zMmJ5dGVz";

	/**
	 * @param pepper base64 of at least 32 random bytes: the HMAC-SHA256 key under which
	 * API key secrets are hashed. Every app of one installation needs the same value;
	 * changing it invalidates every key. Generate one with
	 * {@code openssl rand -base64 32}
	 */
	public record ApiKeys(@NotBlank @DefaultValue(DEVELOPMENT_PEPPER) String pepper) {
	}

}
