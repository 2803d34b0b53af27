package io.herald.local;

import java.util.Optional;

import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;

import org.springframework.context.ApplicationContext;

/**
 * Seeds the {@value #SLUG} tenant on first start and keeps its API key in the data
 * directory: keys are shown once, and local mode shows it on every start.
 */
final class DemoTenant {

	static final String SLUG = "demo";

	static final String KEY_FILE = "demo-api-key";

	private static final Actor LOCAL_MODE = new Actor(Actor.Type.SYSTEM, "herald-local");

	private DemoTenant() {
	}

	/**
	 * Returns the demo tenant's API key, creating the tenant or a fresh key as needed.
	 */
	static String ensure(ApplicationContext context, DataDirectory dataDir) {
		TenantManagement tenants = context.getBean(TenantManagement.class);
		Optional<Tenant> existing = tenants.findBySlug(SLUG);
		if (existing.isEmpty()) {
			CreatedTenant created = tenants.create(SLUG, "Demo", LOCAL_MODE);
			dataDir.writeSecret(KEY_FILE, created.apiKey());
			return created.apiKey();
		}
		ApiKeyManagement apiKeys = context.getBean(ApiKeyManagement.class);
		if (dataDir.hasSecret(KEY_FILE)) {
			String key = dataDir.secret(KEY_FILE, () -> null);
			if (apiKeys.verify(key).isPresent()) {
				return key;
			}
		}
		// the key file was lost or the key revoked: local mode always offers a working
		// key
		String key = apiKeys.issueWithAllScopes(existing.get().getId(), "local-demo", LOCAL_MODE).secret();
		dataDir.writeSecret(KEY_FILE, key);
		return key;
	}

}
