package io.herald.api.config;

import io.herald.api.HeraldApiApplication;
import io.herald.core.testing.CryptoKeyStartupChecks;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The API refuses to start without an encryption key (the checks are shared by every
 * app).
 */
class CryptoKeyStartupTests extends CryptoKeyStartupChecks {

	@Override
	protected SpringApplicationBuilder app() {
		return HeraldApiApplication.builder();
	}

}
