package io.herald.api.apikey;

import io.herald.core.apikey.ApiKeyScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeRulesTests {

	@Test
	void readsOfConfigurationNeedConfigReadAndChangesConfigWrite() {
		for (String section : new String[] { "event-types", "templates", "subscriptions", "recipients", "channels" }) {
			assertThat(ScopeRules.required("GET", "/api/v1/" + section)).isEqualTo(ApiKeyScope.CONFIG_READ);
			assertThat(ScopeRules.required("GET", "/api/v1/" + section + "/x")).isEqualTo(ApiKeyScope.CONFIG_READ);
			assertThat(ScopeRules.required("POST", "/api/v1/" + section)).isEqualTo(ApiKeyScope.CONFIG_WRITE);
			assertThat(ScopeRules.required("PUT", "/api/v1/" + section + "/x")).isEqualTo(ApiKeyScope.CONFIG_WRITE);
			assertThat(ScopeRules.required("DELETE", "/api/v1/" + section + "/x")).isEqualTo(ApiKeyScope.CONFIG_WRITE);
		}
		assertThat(ScopeRules.required("POST", "/api/v1/templates/abc/preview")).isEqualTo(ApiKeyScope.CONFIG_READ);
	}

	@Test
	void eventsNotificationsAndKeysHaveTheirOwnScopes() {
		assertThat(ScopeRules.required("POST", "/api/v1/events")).isEqualTo(ApiKeyScope.EVENTS_WRITE);
		assertThat(ScopeRules.required("POST", "/api/v1/events/batch")).isEqualTo(ApiKeyScope.EVENTS_WRITE);
		assertThat(ScopeRules.required("GET", "/api/v1/events/evt-1")).isEqualTo(ApiKeyScope.NOTIFICATIONS_READ);
		assertThat(ScopeRules.required("GET", "/api/v1/notifications/1")).isEqualTo(ApiKeyScope.NOTIFICATIONS_READ);
		assertThat(ScopeRules.required("GET", "/api/v1/sandbox/messages")).isEqualTo(ApiKeyScope.NOTIFICATIONS_READ);
		assertThat(ScopeRules.required("POST", "/api/v1/replays")).isEqualTo(ApiKeyScope.REPLAYS_WRITE);
		assertThat(ScopeRules.required("GET", "/api/v1/api-keys")).isEqualTo(ApiKeyScope.KEYS_ADMIN);
	}

	@Test
	void aPathWithoutARuleNeedsKeysAdmin() {
		assertThat(ScopeRules.required("GET", "/api/v1/something-new")).isEqualTo(ApiKeyScope.KEYS_ADMIN);
		assertThat(ScopeRules.required("GET", "/api/v1/event-types-but-not-quite")).isEqualTo(ApiKeyScope.KEYS_ADMIN);
		assertThat(ScopeRules.required("GET", "/elsewhere")).isEqualTo(ApiKeyScope.KEYS_ADMIN);
	}

}
