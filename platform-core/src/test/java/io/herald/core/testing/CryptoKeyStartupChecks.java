package io.herald.core.testing;

import io.herald.core.secret.CryptoKeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outside local mode an app refuses to start without an encryption key, before it
 * connects to anything, and says which setting to give. Each app's test names the app.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class CryptoKeyStartupChecks {

	/** The app under test, as its {@code main} builds it. */
	protected abstract SpringApplicationBuilder app();

	@Test
	void refusesToStartWithoutACryptoKey(CapturedOutput output) {
		// Command-line arguments outrank a HERALD_CRYPTO_KEY the machine might have set.
		assertThatThrownBy(() -> app().run("--herald.crypto.key=", "--server.port=0", "--spring.main.banner-mode=off"))
			.isInstanceOf(CryptoKeyException.class)
			.hasMessageContaining("No encryption key is configured (herald.crypto.key)");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("HERALD_CRYPTO_KEY")
			.contains("openssl rand -base64 32");
	}

	@Test
	void refusesAnActiveKeyThatIsNotInTheKeyring(CapturedOutput output) {
		assertThatThrownBy(() -> app().run("--herald.crypto.key=", "--herald.crypto.keys.k1=" + "A".repeat(43) + "=",
				"--herald.crypto.active-key=k2", "--server.port=0", "--spring.main.banner-mode=off"))
			.isInstanceOf(CryptoKeyException.class);
		assertThat(output).contains("herald.crypto.active-key is 'k2' but the keyring holds only [k1]")
			.doesNotContain("A".repeat(43));
	}

}
