package io.herald.admin.channel;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.channel.AcsSettings;
import io.herald.core.channel.Channel;
import io.herald.core.channel.ChannelSettings;
import io.herald.core.channel.ChannelSettingsManagement;
import io.herald.core.channel.ChannelSettingsRepository;
import io.herald.core.channel.ProviderSettings;
import io.herald.core.channel.ProviderSettingsJson;
import io.herald.core.channel.SmtpSettings;
import io.herald.core.error.NotFoundException;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelsIntegrationTests extends ConsoleIntegrationTestSupport {

	@Autowired
	ChannelSettingsManagement settings;

	@Autowired
	ChannelSettingsRepository stored;

	@Autowired
	SecretCipher cipher;

	@Autowired
	ProviderSettingsJson json;

	@Test
	void everyChannelPageIsWellFormedForAnAdminAViewerAndAnOperator() {
		CreatedTenant tenant = newTenant("Channel Pages");
		this.settings.put(scope(tenant), new SmtpSettings("smtp.example.com", 2525, "mailer", "pw-pages-secret",
				"Pages <noreply@example.com>", true));
		ConsoleClient operator = operator();
		String all = operator.get("/channels").body();
		operator.post("/tenant-switch", Map.of("tenant", tenant.tenant().getSlug(), "back", "/channels"));

		assertThat(all).contains("Choose a tenant");
		for (ConsoleClient client : List.of(signedIn(newUser(tenant, Role.TENANT_ADMIN)),
				signedIn(newUser(tenant, Role.TENANT_VIEWER)), operator)) {
			for (String path : List.of("/channels", "/channels/EMAIL", "/channels/EMAIL?provider=ACS",
					"/channels/PUSH")) {
				HttpResponse<String> page = client.get(path);
				assertThat(page.statusCode()).as(path).isEqualTo(200);
				assertThat(page.body()).as(path).doesNotContain("pw-pages-secret");
				PageChecks.assertWellFormedPage(page.body());
			}
			assertThat(client.get("/channels").body()).contains("smtp.example.com").contains("********");
		}
	}

	@Test
	void anSmtpPasswordIsWriteOnlyKeptWhenLeftEmptyAndNeverInAnyPage() {
		CreatedTenant tenant = newTenant("Smtp Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		String secret = "pw-" + unique("smtp");
		admin.get("/channels/EMAIL?provider=SMTP");

		HttpResponse<String> saved = admin.post("/channels/EMAIL",
				smtp("smtp.example.com", "2525", "mailer", secret, "Shop <shop@example.com>"));
		String list = admin.get("/channels").body();
		String edit = admin.get("/channels/EMAIL").body();
		HttpResponse<String> kept = admin.post("/channels/EMAIL",
				smtp("smtp2.example.com", "587", "mailer", "", "Shop <shop@example.com>"));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(list).contains("EMAIL settings saved: SMTP.").contains("smtp.example.com").contains("2525");
		assertThat(edit).contains("value=\"smtp.example.com\"")
			.contains("a password is stored; leave empty to keep it");
		assertThat(kept.statusCode()).isEqualTo(302);
		assertThat(decrypted(tenant, Channel.EMAIL)).isInstanceOfSatisfying(SmtpSettings.class, (smtp) -> {
			assertThat(smtp.host()).isEqualTo("smtp2.example.com");
			assertThat(smtp.password()).isEqualTo(secret);
		});
		for (String path : List.of("/channels", "/channels/EMAIL", "/channels/EMAIL?provider=SMTP", "/audit")) {
			assertThat(admin.get(path).body()).as(path).doesNotContain(secret);
		}
		assertThat(saved.body() + kept.body()).doesNotContain(secret);
	}

	@Test
	void anAcsConnectionStringIsShownMaskedAndReplacedOnlyWhenTyped() {
		CreatedTenant tenant = newTenant("Acs Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		String key = "key" + unique("acs").replace("-", "");
		admin.get("/channels/EMAIL?provider=ACS");

		admin.post("/channels/EMAIL", Map.of("provider", "ACS", "connectionString",
				"endpoint=https://acs.example.com/;accesskey=" + key, "sender", "noreply@example.com"));
		String list = admin.get("/channels").body();
		String edit = admin.get("/channels/EMAIL").body();
		admin.post("/channels/EMAIL", Map.of("provider", "ACS", "connectionString", "", "sender", "news@example.com"));

		assertThat(list).contains("endpoint=https://acs.example.com/;accesskey=********").doesNotContain(key);
		assertThat(edit).contains("EMAIL by ACS").doesNotContain(key);
		PageChecks.assertWellFormedPage(edit);
		assertThat(decrypted(tenant, Channel.EMAIL)).isInstanceOfSatisfying(AcsSettings.class, (acs) -> {
			assertThat(acs.sender()).isEqualTo("news@example.com");
			assertThat(acs.connectionString()).endsWith(key);
		});
		assertThat(admin.get("/audit").body()).doesNotContain(key);
	}

	@Test
	void invalidSettingsAreExplainedNextToTheirFieldsAndNothingIsSaved() {
		CreatedTenant tenant = newTenant("Invalid Channel");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		String typed = "pw-" + unique("typed");
		admin.get("/channels/EMAIL?provider=SMTP");

		HttpResponse<String> refused = admin.post("/channels/EMAIL", smtp("", "99999", "mailer", typed, "not-mail"));
		HttpResponse<String> push = admin.post("/channels/PUSH",
				Map.of("provider", "FCM", "serviceAccountJson", "{\"project_id\": \"p\"}"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"host-error\"")
			.contains("Host is required.")
			.contains("Port must be a port number (1-65535).")
			.contains("From must be an e-mail address.")
			.as("a typed secret is not echoed either")
			.doesNotContain(typed);
		PageChecks.assertWellFormedPage(refused.body());
		assertThat(push.body()).contains("id=\"serviceAccountJson-error\"").contains("Service account JSON lacks");
		assertThatThrownBy(() -> this.settings.get(scope(tenant), Channel.EMAIL)).isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> this.settings.get(scope(tenant), Channel.PUSH)).isInstanceOf(NotFoundException.class);
	}

	@Test
	void aViewerSeesTheSettingsButEveryChangeIsRefused() {
		CreatedTenant tenant = newTenant("Viewer Channel");
		this.settings.put(scope(tenant),
				new SmtpSettings("smtp.example.com", null, null, null, "noreply@example.com", false));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String edit = viewer.get("/channels/EMAIL").body();
		HttpResponse<String> save = viewer.post("/channels/EMAIL",
				smtp("evil.example.com", "25", "", "", "evil@example.com"));
		HttpResponse<String> remove = viewer.post("/channels/EMAIL/delete", Map.of("confirm", "true"));

		assertThat(edit).contains("<fieldset disabled").doesNotContain("Save EMAIL settings").doesNotContain("Remove");
		assertThat(save.statusCode()).isEqualTo(403);
		assertThat(remove.statusCode()).isEqualTo(403);
		assertThat(this.settings.get(scope(tenant), Channel.EMAIL).settings()).containsEntry("host",
				"smtp.example.com");
	}

	@Test
	void settingsAreRemovedAfterAConfirmationAndAChannelWithoutSettingsIsNotFound() {
		CreatedTenant tenant = newTenant("Remove Channel");
		this.settings.put(scope(tenant),
				new SmtpSettings("smtp.example.com", null, null, null, "noreply@example.com", false));
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/channels/EMAIL");

		admin.post("/channels/EMAIL/delete", Map.of());
		String unconfirmed = admin.get("/channels/EMAIL").body();
		HttpResponse<String> removed = admin.post("/channels/EMAIL/delete", Map.of("confirm", "true"));

		assertThat(unconfirmed).contains("Nothing removed: tick the box to confirm.");
		assertThat(removed.statusCode()).isEqualTo(302);
		assertThatThrownBy(() -> this.settings.get(scope(tenant), Channel.EMAIL)).isInstanceOf(NotFoundException.class);
		assertThat(admin.get("/channels/WEBHOOK").statusCode()).isEqualTo(404);
		assertThat(admin.get("/channels/SMS").statusCode()).isEqualTo(404);
	}

	private ProviderSettings decrypted(CreatedTenant tenant, Channel channel) {
		ChannelSettings row = this.stored.findById(new ChannelSettings.Key(tenant.tenant().getId(), channel))
			.orElseThrow();
		return this.json.readStored(this.cipher.decrypt(row.getEncryptedSettings(),
				SecretContext.channelSettings(tenant.tenant().getId(), channel.name())));
	}

	private static Map<String, String> smtp(String host, String port, String username, String password, String from) {
		Map<String, String> form = new HashMap<>(Map.of("provider", "SMTP", "host", host, "port", port, "username",
				username, "password", password, "from", from, "_startTls", "on"));
		form.put("startTls", "true");
		return form;
	}

	private static TenantScope scope(CreatedTenant tenant) {
		return new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
	}

}
