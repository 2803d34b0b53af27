package io.herald.admin.subscription;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.subscription.SubscriptionDraft;
import io.herald.core.subscription.SubscriptionManagement;
import io.herald.core.subscription.SubscriptionView;
import io.herald.core.template.TemplateDraft;
import io.herald.core.template.TemplateManagement;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionsIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern SECRET = Pattern.compile("<code id=\"signing-secret\">(whsec_[A-Za-z0-9+/=]+)</code>");

	@Autowired
	SubscriptionManagement subscriptions;

	@Autowired
	EventTypeManagement eventTypes;

	@Autowired
	TemplateManagement templates;

	@Test
	void anAdminSubscribesAWebhookTemplateToAnEventTypeAndSeesTheSigningSecretOnce() {
		CreatedTenant tenant = tenantWithTypeAndTemplates("Subs Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		String form = admin.get("/subscriptions").body();
		assertThat(form).contains("OrderPlaced").contains("order-hook (WEBHOOK, en)");
		PageChecks.assertWellFormedPage(form);

		HttpResponse<String> created = admin.post("/subscriptions",
				Map.of("eventType", "OrderPlaced", "channel", "WEBHOOK", "template", "order-hook", "endpoint",
						"http://127.0.0.1:9999/hooks", "recipient", "subject", "filter", "data.total > 100.0"));

		assertThat(created.statusCode()).isEqualTo(302);
		String page = admin.get("/subscriptions").body();
		Matcher secret = SECRET.matcher(page);
		assertThat(secret.find()).as("the signing secret is shown").isTrue();
		assertThat(page).contains("Subscription created: OrderPlaced → order-hook by WEBHOOK.")
			.contains("http://127.0.0.1:9999/hooks")
			.contains("data.total &gt; 100.0");
		PageChecks.assertWellFormedPage(page);
		assertThat(admin.get("/subscriptions").body()).as("shown only once").doesNotContain(secret.group(1));
		List<SubscriptionView> saved = this.subscriptions.list(scope(tenant));
		assertThat(saved).singleElement().satisfies((s) -> {
			assertThat(s.filter()).isEqualTo("data.total > 100.0");
			assertThat(s.enabled()).isTrue();
		});
	}

	@Test
	void aFilterIsCheckedAsYouTypeAndABadOneIsExplainedWithNothingSaved() {
		CreatedTenant tenant = tenantWithTypeAndTemplates("Filters Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		String bad = admin.get("/subscriptions/filter-check?filter=data.total%20%3E").body();
		String good = admin.get("/subscriptions/filter-check?filter=data.total%20%3E%201.0").body();
		String notBoolean = admin.get("/subscriptions/filter-check?filter=%22text%22").body();

		assertThat(bad).contains("field-error");
		assertThat(good).contains("id=\"filter-check\"").doesNotContain("field-error");
		assertThat(notBoolean).contains("field-error");

		admin.get("/subscriptions");
		HttpResponse<String> refused = admin.post("/subscriptions", Map.of("eventType", "OrderPlaced", "channel",
				"EMAIL", "template", "order-mail", "endpoint", "", "recipient", "subject", "filter", "data.total >"));
		HttpResponse<String> wrongChannel = admin.post("/subscriptions", Map.of("eventType", "OrderPlaced", "channel",
				"PUSH", "template", "order-mail", "endpoint", "", "recipient", "subject", "filter", ""));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"filter-error\"");
		assertThat(wrongChannel.body()).contains("id=\"template-error\"").contains("No PUSH template named");
		PageChecks.assertWellFormedPage(refused.body());
		assertThat(this.subscriptions.list(scope(tenant))).isEmpty();
	}

	@Test
	void pausingResumingAndDeletingASubscription() {
		CreatedTenant tenant = tenantWithTypeAndTemplates("Pause Co");
		SubscriptionView subscription = this.subscriptions.create(scope(tenant),
				new SubscriptionDraft("OrderPlaced", "order-mail", "EMAIL", null, true, "subject", null));
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/subscriptions");

		admin.post("/subscriptions/" + subscription.id() + "/enabled", Map.of("enabled", "false"));
		assertThat(this.subscriptions.get(scope(tenant), subscription.id()).enabled()).isFalse();
		assertThat(admin.get("/subscriptions").body()).contains("paused: new events notify nobody.").contains("Paused");
		admin.post("/subscriptions/" + subscription.id() + "/enabled", Map.of("enabled", "true"));
		assertThat(this.subscriptions.get(scope(tenant), subscription.id()).enabled()).isTrue();

		admin.get("/subscriptions");
		admin.post("/subscriptions/" + subscription.id() + "/delete", Map.of());
		assertThat(admin.get("/subscriptions").body()).contains("Subscription deleted.");
		assertThat(this.subscriptions.list(scope(tenant))).isEmpty();
	}

	@Test
	void aViewerReadsButCannotChangeAndAnotherTenantsSubscriptionIsNotFound() {
		CreatedTenant tenant = tenantWithTypeAndTemplates("Viewer Subs");
		CreatedTenant other = tenantWithTypeAndTemplates("Other Subs");
		SubscriptionView mine = this.subscriptions.create(scope(tenant),
				new SubscriptionDraft("OrderPlaced", "order-mail", "EMAIL", null, true, "subject", null));
		SubscriptionView theirs = this.subscriptions.create(scope(other),
				new SubscriptionDraft("OrderPlaced", "order-mail", "EMAIL", null, true, "/buyer/email", null));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		String page = viewer.get("/subscriptions").body();
		HttpResponse<String> pause = viewer.post("/subscriptions/" + mine.id() + "/enabled",
				Map.of("enabled", "false"));
		admin.get("/subscriptions");
		HttpResponse<String> foreign = admin.post("/subscriptions/" + theirs.id() + "/delete", Map.of());

		assertThat(page).contains("order-mail").doesNotContain("Create a subscription").doesNotContain("Pause");
		assertThat(pause.statusCode()).isEqualTo(403);
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(this.subscriptions.list(scope(other))).hasSize(1);
		assertThat(admin.get("/subscriptions").body()).doesNotContain("/buyer/email");
	}

	private CreatedTenant tenantWithTypeAndTemplates(String name) {
		CreatedTenant tenant = newTenant(name);
		this.eventTypes.create(scope(tenant), new EventTypeDraft("OrderPlaced", "An order", null, null));
		this.templates.create(scope(tenant),
				new TemplateDraft("order-hook", "WEBHOOK", null, null, "{\"order\":\"{{ data.id }}\"}"));
		this.templates.create(scope(tenant),
				new TemplateDraft("order-mail", "EMAIL", null, "Order {{ data.id }}", "<p>Thanks</p>"));
		return tenant;
	}

	private static TenantScope scope(CreatedTenant tenant) {
		return new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
	}

}
