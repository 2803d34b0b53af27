package io.herald.admin.recipient;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.error.NotFoundException;
import io.herald.core.recipient.RecipientManagement;
import io.herald.core.recipient.RecipientProfile;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RecipientsIntegrationTests extends ConsoleIntegrationTestSupport {

	@Autowired
	RecipientManagement recipients;

	@Test
	void recipientsArePagedByIdAndAProfileShowsItsAddressesAndOptOuts() {
		CreatedTenant tenant = newTenant("People Co");
		for (int i = 0; i < RecipientController.PAGE_SIZE + 2; i++) {
			profile(tenant, "user-%03d".formatted(i), "u" + i + "@example.com");
		}
		this.recipients.upsert(scope(tenant), "ada@home",
				new RecipientProfile("ada@example.com", null, List.of("fcm-token-1"), "de", "Europe/Berlin",
						new RecipientProfile.OptOut(List.of("PUSH"), List.of())));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		HttpResponse<String> first = viewer.get("/recipients");
		assertThat(first.body()).contains("ada@home").contains("user-000").doesNotContain("user-051");
		PageChecks.assertWellFormedPage(first.body());
		String next = first.body()
			.replaceAll("(?s).*href=\"(/recipients\\?cursor=[^\"]+)\".*", "$1")
			.replace("&amp;", "&");
		String second = viewer.get(next).body();
		assertThat(second).contains("user-050").contains("user-051").doesNotContain("user-000");

		String profile = viewer.get("/recipients/profile?id=ada%40home").body();
		assertThat(profile).contains("ada@example.com")
			.contains("fcm-token-1")
			.contains("Europe/Berlin")
			.contains("PUSH");
		assertThat(profile).as("viewers cannot erase").doesNotContain("Erase recipient");
		PageChecks.assertWellFormedPage(profile);
		assertThat(viewer.get("/recipients?cursor=forged").body()).contains("The page link is out of date");
	}

	@Test
	void anAdminErasesARecipientOnlyAfterTypingItsId() {
		CreatedTenant tenant = newTenant("Erase Co");
		profile(tenant, "user-7", "seven@example.com");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		String page = admin.get("/recipients/profile?id=user-7").body();
		assertThat(page).contains("Erase recipient");
		PageChecks.assertWellFormedPage(page);

		admin.post("/recipients/erase", Map.of("id", "user-7", "confirm", "user-8"));
		assertThat(this.recipients.get(scope(tenant), "user-7").email()).isEqualTo("seven@example.com");
		assertThat(admin.get("/recipients/profile?id=user-7").body()).contains("Type the recipient");

		HttpResponse<String> erased = admin.post("/recipients/erase", Map.of("id", "user-7", "confirm", "user-7"));
		assertThat(erased.statusCode()).isEqualTo(302);
		assertThat(admin.get("/recipients").body()).contains("Recipient user-7 erased");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.recipients.get(scope(tenant), "user-7"));
	}

	@Test
	void aViewerCannotEraseAndAnotherTenantsRecipientIsNotShown() {
		CreatedTenant tenant = newTenant("Viewer People");
		CreatedTenant other = newTenant("Other People");
		profile(other, "their-user", "theirs@example.com");
		profile(tenant, "my-user", "mine@example.com");
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));
		viewer.get("/recipients");

		HttpResponse<String> erase = viewer.post("/recipients/erase", Map.of("id", "my-user", "confirm", "my-user"));
		String foreign = viewer.get("/recipients/profile?id=their-user").body();

		assertThat(erase.statusCode()).isEqualTo(403);
		assertThat(this.recipients.get(scope(tenant), "my-user")).isNotNull();
		assertThat(foreign).contains("No recipient with this id").doesNotContain("theirs@example.com");
		assertThat(viewer.get("/recipients").body()).doesNotContain("their-user");
	}

	private void profile(CreatedTenant tenant, String id, String email) {
		this.recipients.upsert(scope(tenant), id, new RecipientProfile(email, null, List.of(), null, null, null));
	}

	private static TenantScope scope(CreatedTenant tenant) {
		return new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
	}

}
