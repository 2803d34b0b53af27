package io.herald.core.apikey;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyHasherTests {

	private final ApiKeyHasher hasher = new ApiKeyHasher(pepper('a'));

	@Test
	void hashDependsOnThePepperAndIsNotABareSha256() {
		String hash = this.hasher.hash("secret");
		assertThat(hash).hasSize(64).isNotEqualTo(ApiKeyHasher.sha256("secret"));
		assertThat(new ApiKeyHasher(pepper('b')).hash("secret")).isNotEqualTo(hash);
		assertThat(this.hasher.matches(ApiKeyHasher.HMAC_SHA256, hash, "secret")).isTrue();
		assertThat(this.hasher.matches(ApiKeyHasher.HMAC_SHA256, hash, "secreT")).isFalse();
	}

	@Test
	void legacyHashesMatchOnlyUnderTheirScheme() {
		String legacy = ApiKeyHasher.sha256("secret");
		assertThat(this.hasher.matches(ApiKeyHasher.LEGACY_SHA256, legacy, "secret")).isTrue();
		assertThat(this.hasher.matches(ApiKeyHasher.HMAC_SHA256, legacy, "secret")).isFalse();
		assertThat(this.hasher.matches("md5", legacy, "secret")).isFalse();
	}

	@Test
	void shortPepperIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiKeyHasher("short".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void unknownStoredScopesAreIgnored() {
		ApiKeyScopesConverter converter = new ApiKeyScopesConverter();
		assertThat(converter.convertToEntityAttribute("config:read root:all events:write"))
			.containsExactlyInAnyOrder(ApiKeyScope.CONFIG_READ, ApiKeyScope.EVENTS_WRITE);
		assertThat(converter.convertToDatabaseColumn(converter.convertToEntityAttribute("keys:admin config:read")))
			.isEqualTo("config:read keys:admin");
	}

	private static byte[] pepper(char fill) {
		byte[] pepper = new byte[32];
		Arrays.fill(pepper, (byte) fill);
		return pepper;
	}

}
