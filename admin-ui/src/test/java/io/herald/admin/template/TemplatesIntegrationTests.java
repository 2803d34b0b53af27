package io.herald.admin.template;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.subscription.SubscriptionDraft;
import io.herald.core.subscription.SubscriptionManagement;
import io.herald.core.support.PageQuery;
import io.herald.core.template.TemplateDraft;
import io.herald.core.template.TemplateManagement;
import io.herald.core.template.TemplateView;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class TemplatesIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final String SAMPLE = "{\"user\": {\"name\": \"Ada\"}}";

	@Autowired
	TemplateManagement templates;

	@Autowired
	EventTypeManagement eventTypes;

	@Autowired
	SubscriptionManagement subscriptions;

	@Autowired
	JsonMapper json;

	@Test
	void everyTemplatePageIsWellFormedForAnAdminAViewerAndAnOperator() {
		CreatedTenant tenant = tenantWithSample("Pages Co");
		TemplateView v1 = this.templates.create(scope(tenant), mail("welcome", "Hi {{ data.user.name }}", "<p>1</p>"));
		TemplateView v2 = this.templates.create(scope(tenant), mail("welcome", "Hi {{ data.user.name }}", "<p>2</p>"));
		ConsoleClient operator = operator();
		operator.get("/templates");
		operator.post("/tenant-switch", Map.of("tenant", tenant.tenant().getSlug(), "back", "/templates"));
		List<ConsoleClient> everyone = List.of(signedIn(newUser(tenant, Role.TENANT_ADMIN)),
				signedIn(newUser(tenant, Role.TENANT_VIEWER)), operator);

		for (ConsoleClient client : everyone) {
			for (String path : List.of("/templates", "/templates/new", "/templates/" + v2.id(), "/templates/" + v1.id(),
					"/templates/" + v2.id() + "/versions",
					"/templates/" + v2.id() + "/diff?from=" + v1.id() + "&to=" + v2.id())) {
				HttpResponse<String> page = client.get(path);
				assertThat(page.statusCode()).as(path).isEqualTo(200);
				PageChecks.assertWellFormedPage(page.body());
			}
			assertThat(client.get("/templates").body()).contains("welcome").contains("v2");
		}
	}

	@Test
	void anAdminCreatesPreviewsAsTheyTypeEditsComparesAndRollsBack() {
		CreatedTenant tenant = tenantWithSample("Editor Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/templates/new");

		HttpResponse<String> created = admin.post("/templates", form("welcome", "EMAIL", "en",
				"Welcome {{ data.user.name }}", "<p>Hello {{ data.user.name }}</p>\n<p>See you</p>", ""));
		assertThat(created.statusCode()).isEqualTo(302);
		UUID v1 = UUID.fromString(created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
		String editor = admin.get("/templates/" + v1).body();
		assertThat(editor).contains("saved as version 1").contains("hx-post=\"/templates/preview\"");
		PageChecks.assertWellFormedPage(editor);

		String preview = admin
			.post("/templates/preview",
					form("welcome", "EMAIL", "en", "Welcome {{ data.user.name }}",
							"<p>Hello {{ data.user.name | upcase }}</p>", "UserRegistered"))
			.body();
		assertThat(preview).contains("<dd id=\"preview-subject\">Welcome Ada</dd>")
			.contains("sandbox=\"\"")
			.contains("srcdoc=\"&lt;p&gt;Hello ADA&lt;/p&gt;\"");
		String broken = admin
			.post("/templates/preview", form("welcome", "EMAIL", "en", "Hi", "<p>{% if %}</p>", "UserRegistered"))
			.body();
		assertThat(broken).contains("role=\"alert\"").contains("Body: invalid Liquid");

		HttpResponse<String> edited = admin.post("/templates/" + v1, form("ignored", "PUSH", "de",
				"Welcome {{ data.user.name }}", "<p>Hello {{ data.user.name }}</p>\n<p>Goodbye</p>", ""));
		assertThat(edited.statusCode()).isEqualTo(302);
		TemplateView v2 = this.templates.get(scope(tenant), "welcome", Channel.EMAIL, "en");
		assertThat(v2.version()).isEqualTo(2);
		assertThat(v2.body()).endsWith("Goodbye</p>");

		String versions = admin.get("/templates/" + v2.id() + "/versions").body();
		assertThat(versions).contains(">v1<").contains(">v2<").contains("Review rollback to v1");
		String diff = admin.get("/templates/" + v2.id() + "/diff?from=" + v1 + "&to=" + v2.id()).body();
		assertThat(diff).containsPattern("(?s)<li class=\"removed\">(?:(?!</li>).)*&lt;p&gt;See you&lt;/p&gt;")
			.containsPattern("(?s)<li class=\"added\">(?:(?!</li>).)*&lt;p&gt;Goodbye&lt;/p&gt;")
			.containsPattern("<li class=\"same\">(?:(?!</li>).)*&lt;p&gt;Hello \\{\\{ data.user.name }}&lt;/p&gt;");
		PageChecks.assertWellFormedPage(diff);

		String review = admin.get("/templates/" + v2.id() + "/diff?from=" + v2.id() + "&to=" + v1).body();
		assertThat(review).contains("Roll back to v1").contains("as v3");
		HttpResponse<String> rolledBack = admin.post("/templates/" + v2.id() + "/rollback", Map.of("version", "1"));
		assertThat(rolledBack.statusCode()).isEqualTo(302);
		TemplateView v3 = this.templates.get(scope(tenant), "welcome", Channel.EMAIL, "en");
		assertThat(v3.version()).isEqualTo(3);
		assertThat(v3.body()).isEqualTo(this.templates.get(scope(tenant), v1).body());
		assertThat(admin.get("/templates/" + v3.id()).body())
			.contains("Rolled back: version 3 of welcome has the text of version 1.");
	}

	@Test
	void aTemplateThatDoesNotParseIsExplainedNextToItsFieldAndNothingIsSaved() {
		CreatedTenant tenant = tenantWithSample("Broken Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/templates/new");

		HttpResponse<String> refused = admin.post("/templates",
				form("broken", "EMAIL", "en", "Hi", "<p>{% for x in %}</p>", ""));
		HttpResponse<String> nameless = admin.post("/templates", form("", "EMAIL", "en", "Hi", "<p>x</p>", ""));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"body-error\"").contains("Invalid Liquid");
		PageChecks.assertWellFormedPage(refused.body());
		assertThat(nameless.body()).contains("id=\"name-error\"").contains("Enter a name");
		assertThat(this.templates.latestVersions(scope(tenant))).isEmpty();
	}

	@Test
	void aScriptInATemplateIsShownAsTextEverywhere() {
		CreatedTenant tenant = tenantWithSample("Script Co");
		String script = "<script>alert(1)</script>";
		TemplateView hook = this.templates.create(scope(tenant),
				new TemplateDraft("hook", "WEBHOOK", null, null, "{\"x\": 1}\n" + script));
		TemplateView mail = this.templates.create(scope(tenant), mail("mail", script, "<p>x</p>\n" + script));
		TemplateView plain = this.templates.create(scope(tenant), mail("mail", "plain", "<p>x</p>"));
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		for (String path : List.of("/templates/" + hook.id(), "/templates/" + mail.id(),
				"/templates/" + mail.id() + "/versions",
				"/templates/" + mail.id() + "/diff?from=" + mail.id() + "&to=" + plain.id())) {
			String page = admin.get(path).body();
			assertThat(page).as(path).doesNotContain(script).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
			PageChecks.assertWellFormedPage(page);
		}
	}

	@Test
	void aViewerReadsTemplatesButEveryChangeIsRefused() {
		CreatedTenant tenant = tenantWithSample("Viewer Tpl");
		TemplateView v1 = this.templates.create(scope(tenant), mail("welcome", "Hi", "<p>1</p>"));
		this.templates.create(scope(tenant), mail("welcome", "Hi", "<p>2</p>"));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String list = viewer.get("/templates").body();
		String editor = viewer.get("/templates/" + v1.id()).body();
		Map<String, Map<String, String>> posts = new LinkedHashMap<>();
		posts.put("/templates", form("other", "EMAIL", "en", "Hi", "<p>x</p>", ""));
		posts.put("/templates/preview", form("welcome", "EMAIL", "en", "Hi", "<p>x</p>", ""));
		posts.put("/templates/" + v1.id(), form("welcome", "EMAIL", "en", "Hi", "<p>3</p>", ""));
		posts.put("/templates/" + v1.id() + "/rollback", Map.of("version", "1"));
		posts.put("/templates/" + v1.id() + "/delete", Map.of("confirm", "true"));

		assertThat(list).contains("welcome").doesNotContain("Create a template");
		assertThat(editor).contains("<fieldset disabled")
			.doesNotContain("hx-post")
			.doesNotContain("Save as version")
			.doesNotContain("Delete template");
		posts.forEach((path, form) -> assertThat(viewer.post(path, form).statusCode()).as(path).isEqualTo(403));
		assertThat(this.templates.latestVersions(scope(tenant))).singleElement()
			.satisfies((t) -> assertThat(t.version()).isEqualTo(2));
	}

	@Test
	void anotherTenantsTemplateIsNotFound() {
		CreatedTenant tenant = tenantWithSample("Mine Tpl");
		CreatedTenant other = tenantWithSample("Theirs Tpl");
		TemplateView mine = this.templates.create(scope(tenant), mail("mine", "Hi", "<p>mine</p>"));
		TemplateView theirs = this.templates.create(scope(other), mail("theirs", "Secret subject", "<p>theirs</p>"));
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		for (String path : List.of("/templates/" + theirs.id(), "/templates/" + theirs.id() + "/versions",
				"/templates/" + theirs.id() + "/diff?from=" + theirs.id() + "&to=" + theirs.id(),
				"/templates/" + mine.id() + "/diff?from=" + mine.id() + "&to=" + theirs.id(), "/templates/not-an-id")) {
			HttpResponse<String> response = admin.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("Secret subject");
		}
		admin.get("/templates");
		assertThat(admin.post("/templates/" + theirs.id(), form("x", "EMAIL", "en", "Hi", "<p>x</p>", "")).statusCode())
			.isEqualTo(404);
		assertThat(admin.post("/templates/" + theirs.id() + "/rollback", Map.of("version", "1")).statusCode())
			.isEqualTo(404);
		assertThat(admin.post("/templates/" + theirs.id() + "/delete", Map.of("confirm", "true")).statusCode())
			.isEqualTo(404);
		assertThat(this.templates.latestVersions(scope(other))).singleElement()
			.satisfies((t) -> assertThat(t.version()).isEqualTo(1));
	}

	@Test
	void deletingNeedsAConfirmationAndATemplateInUseExplainsWhyItStays() {
		CreatedTenant tenant = tenantWithSample("Delete Tpl");
		TemplateView used = this.templates.create(scope(tenant), mail("used", "Hi", "<p>used</p>"));
		TemplateView unused = this.templates.create(scope(tenant), mail("unused", "Hi", "<p>unused</p>"));
		this.subscriptions.create(scope(tenant),
				new SubscriptionDraft("UserRegistered", "used", "EMAIL", null, true, "subject", null));
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/templates/" + used.id());

		admin.post("/templates/" + unused.id() + "/delete", Map.of());
		String unconfirmed = admin.get("/templates/" + unused.id()).body();
		admin.post("/templates/" + used.id() + "/delete", Map.of("confirm", "true"));
		String conflict = admin.get("/templates/" + used.id()).body();
		HttpResponse<String> deleted = admin.post("/templates/" + unused.id() + "/delete", Map.of("confirm", "true"));

		assertThat(unconfirmed).contains("Nothing deleted: tick the box to confirm.");
		assertThat(conflict).contains("Not deleted. Template &#39;used&#39; is used by a subscription on EMAIL");
		PageChecks.assertWellFormedPage(conflict);
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(admin.get("/templates").body())
			.contains("Template unused (EMAIL, en) deleted with all its versions.");
		assertThat(this.templates.latestVersions(scope(tenant))).extracting(TemplateView::name).containsExactly("used");
	}

	@Test
	void anOperatorLookingAtAllTenantsIsAskedToChooseOneAndThenPagesThroughItsTemplates() {
		CreatedTenant tenant = tenantWithSample("Paged Tpl");
		for (int i = 0; i < TemplateController.PAGE_SIZE + 2; i++) {
			this.templates.create(scope(tenant), mail(String.format("t%03d", i), "Hi", "<p>x</p>"));
		}
		ConsoleClient operator = operator();

		String all = operator.get("/templates").body();
		operator.post("/tenant-switch", Map.of("tenant", tenant.tenant().getSlug(), "back", "/templates"));
		String first = operator.get("/templates").body();
		String next = first.replaceAll("(?s).*href=\"(/templates\\?cursor=[^\"]+)\".*", "$1").replace("&amp;", "&");
		String second = operator.get(next).body();

		assertThat(all).contains("Choose a tenant");
		assertThat(first).contains("t000").contains("t049").doesNotContain("t050").contains("Next page");
		assertThat(second).contains("t050").contains("t051").doesNotContain("t049").doesNotContain("Next page");
		PageChecks.assertWellFormedPage(second);
		assertThat(this.templates.latestVersions(scope(tenant), PageQuery.first(500)).items()).hasSize(52);
	}

	@Test
	void versionsPageOneAndItsNextCursorGiveEveryVersionOnceNewestFirst() {
		CreatedTenant tenant = tenantWithSample("Paged Versions");
		int count = TemplateVersionController.PAGE_SIZE + 5;
		TemplateView newest = null;
		for (int i = 1; i <= count; i++) {
			newest = this.templates.create(scope(tenant), mail("history", "Subject " + i, "<p>" + i + "</p>"));
		}
		this.templates.create(scope(tenant), new TemplateDraft("history", "EMAIL", "de", "Andere", "<p>de</p>"));
		this.templates.create(scope(tenant), mail("unrelated", "Other", "<p>o</p>"));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String first = viewer.get("/templates/" + newest.id() + "/versions").body();
		Matcher next = Pattern
			.compile("href=\"(/templates/" + newest.id() + "/versions\\?cursor=[^\"]+)\" [^>]*rel=\"next\"")
			.matcher(first);
		assertThat(next.find()).as("a next-page link in %s", first).isTrue();
		String second = viewer.get(next.group(1).replace("&amp;", "&")).body();

		List<Integer> listed = new ArrayList<>(versionNumbers(first));
		assertThat(listed).hasSize(TemplateVersionController.PAGE_SIZE);
		listed.addAll(versionNumbers(second));
		List<Integer> expected = new ArrayList<>();
		for (int v = count; v >= 1; v--) {
			expected.add(v);
		}
		assertThat(listed).as("every version exactly once, newest first").containsExactlyElementsOf(expected);
		assertThat(second).doesNotContain("rel=\"next\"").doesNotContain("Andere");
		PageChecks.assertWellFormedPage(first);
		PageChecks.assertWellFormedPage(second);
		assertThat(viewer.get("/templates/" + newest.id() + "/versions?cursor=forged").body())
			.contains("The page link is out of date")
			.contains(">v" + count + "</a>");
	}

	/** The version links of the table, in the order shown. */
	private static List<Integer> versionNumbers(String page) {
		Matcher link = Pattern.compile("href=\"/templates/[0-9a-f-]{36}\">v(\\d+)</a>").matcher(page);
		List<Integer> numbers = new ArrayList<>();
		while (link.find()) {
			numbers.add(Integer.parseInt(link.group(1)));
		}
		return numbers;
	}

	private CreatedTenant tenantWithSample(String name) {
		CreatedTenant tenant = newTenant(name);
		this.eventTypes.create(scope(tenant),
				new EventTypeDraft("UserRegistered", "A user signed up", null, this.json.readTree(SAMPLE)));
		return tenant;
	}

	private static TemplateDraft mail(String name, String subject, String body) {
		return new TemplateDraft(name, "EMAIL", "en", subject, body);
	}

	private static Map<String, String> form(String name, String channel, String locale, String subject, String body,
			String sample) {
		return Map.of("name", name, "channel", channel, "locale", locale, "subject", subject, "body", body, "sample",
				sample);
	}

	private static TenantScope scope(CreatedTenant tenant) {
		return new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
	}

}
