package io.herald.admin.eventtype;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.eventtype.EventTypeView;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypesIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"email\"],"
			+ "\"properties\":{\"email\":{\"type\":\"string\"}}}";

	@Autowired
	EventTypeManagement eventTypes;

	@Test
	void adminCreatesAnEventTypeWithSchemaAndSampleAndEditsIt() {
		CreatedTenant tenant = newTenant("Types Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/event-types");

		HttpResponse<String> created = admin.post("/event-types", Map.of("name", "UserRegistered", "description",
				"A user signed up", "schema", SCHEMA, "sample", "{\"email\":\"a@example.com\"}"));

		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> detail = admin.get(location.substring(location.indexOf("/event-types/")));
		assertThat(detail.body()).contains("Event type UserRegistered created.").contains("a@example.com");
		PageChecks.assertWellFormedPage(detail.body());
		String path = location.substring(location.indexOf("/event-types/"));
		admin.post(path, Map.of("description", "Someone registered", "schema", SCHEMA, "sample",
				"{\"email\":\"b@example.com\"}"));
		EventTypeView saved = this.eventTypes.list(scope(tenant)).get(0);
		assertThat(saved.description()).isEqualTo("Someone registered");
		assertThat(saved.samplePayload().get("email").asString()).isEqualTo("b@example.com");
		HttpResponse<String> list = admin.get("/event-types");
		assertThat(list.body()).contains("UserRegistered").contains("Someone registered");
		PageChecks.assertWellFormedPage(list.body());
	}

	@Test
	void badJsonAndASampleThatBreaksTheSchemaAreExplainedNextToTheirFields() {
		CreatedTenant tenant = newTenant("Bad Json");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/event-types");

		HttpResponse<String> badJson = admin.post("/event-types",
				Map.of("name", "OrderPlaced", "description", "", "schema", "{\"type\": ", "sample", ""));
		HttpResponse<String> misfit = admin.post("/event-types",
				Map.of("name", "OrderPlaced", "description", "", "schema", SCHEMA, "sample", "{\"email\": 42}"));

		assertThat(badJson.statusCode()).isEqualTo(200);
		assertThat(badJson.body()).contains("id=\"schema-error\"").contains("Not valid JSON").contains("line 1");
		assertThat(misfit.body()).contains("id=\"sample-error\"").contains("The sample does not fit the schema");
		assertThat(this.eventTypes.list(scope(tenant))).isEmpty();
		PageChecks.assertWellFormedPage(misfit.body());
	}

	@Test
	void aNameThatReadsLikeACommandGetsTheParagraphOnWhyHeraldWantsFacts() {
		CreatedTenant tenant = newTenant("Commands");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		String command = admin.get("/event-types/name-check?name=SendEmail").body();
		String fact = admin.get("/event-types/name-check?name=UserRegistered").body();

		assertThat(command).contains("“SendEmail” reads like a command.").contains("Herald works best with facts");
		assertThat(fact).contains("id=\"command-warning\"").doesNotContain("reads like a command");
		admin.get("/event-types");
		String location = admin
			.post("/event-types", Map.of("name", "ProcessPayment", "description", "", "schema", "", "sample", ""))
			.headers()
			.firstValue("Location")
			.orElseThrow();
		assertThat(admin.get(location.substring(location.indexOf("/event-types/"))).body())
			.contains("“ProcessPayment” reads like a command.");
	}

	@Test
	void tenantContentIsShownAsTextNeverAsMarkup() {
		CreatedTenant tenant = newTenant("Escapes");
		EventTypeView type = this.eventTypes.create(scope(tenant),
				new EventTypeDraft("Scripted", "<script>alert(1)</script>", null, null));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String list = viewer.get("/event-types").body();
		String detail = viewer.get("/event-types/" + type.id()).body();

		assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
		assertThat(detail).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
	}

	@Test
	void anotherTenantsEventTypeIsNotFoundAndSoIsAMalformedId() {
		CreatedTenant mine = newTenant("Mine Types");
		CreatedTenant theirs = newTenant("Their Types");
		EventTypeView foreign = this.eventTypes.create(scope(theirs),
				new EventTypeDraft("SecretHappened", "theirs", null, null));
		ConsoleClient admin = signedIn(newUser(mine, Role.TENANT_ADMIN));

		HttpResponse<String> peek = admin.get("/event-types/" + foreign.id());
		admin.get("/event-types");
		HttpResponse<String> change = admin.post("/event-types/" + foreign.id(),
				Map.of("description", "pwned", "schema", "", "sample", ""));

		assertThat(peek.statusCode()).isEqualTo(404);
		assertThat(peek.body()).doesNotContain("SecretHappened");
		assertThat(change.statusCode()).isEqualTo(404);
		assertThat(this.eventTypes.get(scope(theirs), foreign.id()).description()).isEqualTo("theirs");
		assertThat(admin.get("/event-types/not-a-uuid").statusCode()).isEqualTo(404);
		assertThat(admin.get("/event-types/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	@Test
	void viewerReadsButCannotCreateOrChange() {
		CreatedTenant tenant = newTenant("Viewing");
		EventTypeView type = this.eventTypes.create(scope(tenant),
				new EventTypeDraft("ThingHappened", "d", null, null));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		String list = viewer.get("/event-types").body();
		HttpResponse<String> create = viewer.post("/event-types",
				Map.of("name", "Other", "description", "", "schema", "", "sample", ""));
		HttpResponse<String> change = viewer.post("/event-types/" + type.id(),
				Map.of("description", "changed", "schema", "", "sample", ""));

		assertThat(list).doesNotContain("Create an event type");
		assertThat(viewer.get("/event-types/" + type.id()).body()).contains("<fieldset disabled")
			.doesNotContain("Save event type");
		assertThat(create.statusCode()).isEqualTo(403);
		assertThat(change.statusCode()).isEqualTo(403);
		assertThat(this.eventTypes.list(scope(tenant))).extracting(EventTypeView::description).containsExactly("d");
	}

	@Test
	void operatorLookingAtAllTenantsIsAskedToChooseOne() {
		CreatedTenant tenant = newTenant("Op Types");
		this.eventTypes.create(scope(tenant), new EventTypeDraft("OpThingHappened", "", null, null));
		ConsoleClient operator = operator();

		HttpResponse<String> all = operator.get("/event-types");
		operator.post("/tenant-switch", Map.of("tenant", tenant.tenant().getSlug(), "back", "/event-types"));

		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(all.body()).contains("Choose a tenant");
		PageChecks.assertWellFormedPage(all.body());
		assertThat(operator.get("/event-types").body()).contains("OpThingHappened");
	}

	private static TenantScope scope(CreatedTenant tenant) {
		return new TenantScope(tenant.tenant().getId(), Actor.SYSTEM);
	}

}
