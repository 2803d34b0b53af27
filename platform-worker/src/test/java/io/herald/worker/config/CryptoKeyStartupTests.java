package io.herald.worker.config;

import io.herald.worker.HeraldWorkerApplication;
import io.herald.core.testing.CryptoKeyStartupChecks;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The worker refuses to start without an encryption key (the checks are shared by every
 * app).
 */
class CryptoKeyStartupTests extends CryptoKeyStartupChecks {

	@Override
	protected SpringApplicationBuilder app() {
		return HeraldWorkerApplication.builder();
	}

}
