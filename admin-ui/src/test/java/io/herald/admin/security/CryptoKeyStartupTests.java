package io.herald.admin.security;

import io.herald.admin.HeraldAdminApplication;
import io.herald.core.testing.CryptoKeyStartupChecks;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The console refuses to start without an encryption key (the checks are shared by every
 * app).
 */
class CryptoKeyStartupTests extends CryptoKeyStartupChecks {

	@Override
	protected SpringApplicationBuilder app() {
		return HeraldAdminApplication.builder();
	}

}
