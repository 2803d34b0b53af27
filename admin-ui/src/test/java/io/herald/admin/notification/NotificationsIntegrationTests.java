package io.herald.admin.notification;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern NEXT = Pattern.compile("href=\"(/notifications\\?[^\"]*cursor=[^\"]+)\"");

	@Autowired
	JdbcClient jdbc;

	@Test
	void filtersNarrowTheListAndTheDashboardsLinkOpensTheDeadOnes() {
		CreatedTenant tenant = newTenant("Explorer Co");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "OrderPlaced");
		Instant now = Instant.now();
		fixtures.notification("sent-1", "SENT", "alice", now);
		fixtures.notification("dead-1", "DEAD", "bob", now);
		fixtures.notification("dead-old", "DEAD", "carol", now.minus(3, ChronoUnit.DAYS));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		HttpResponse<String> dead = viewer
			.get("/notifications?status=DEAD&from=" + now.minus(24, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
		HttpResponse<String> byEvent = viewer.get("/notifications?eventId=sent-1");
		HttpResponse<String> byRecipient = viewer.get("/notifications?recipient=carol");

		assertThat(dead.statusCode()).isEqualTo(200);
		assertThat(dead.body()).contains("dead-1").doesNotContain("sent-1").doesNotContain("dead-old");
		assertThat(byEvent.body()).contains("sent-1").doesNotContain("dead-1");
		assertThat(byRecipient.body()).contains("dead-old").doesNotContain("dead-1");
		PageChecks.assertWellFormedPage(dead.body());
	}

	@Test
	void theNextPageKeepsAFilterWithAmpersandsBracesAndPluses() {
		CreatedTenant tenant = newTenant("Odd");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "TickHappened");
		Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
		String recipient = "a&b {c}+d";
		for (int i = 0; i < 53; i++) {
			fixtures.notification(String.format("odd-%02d", i), "SENT", recipient, start.plusSeconds(i));
		}
		fixtures.notification("other-1", "SENT", "a", start);
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		String first = admin.get("/notifications?recipient=" + URLEncoder.encode(recipient, StandardCharsets.UTF_8))
			.body();
		Matcher next = NEXT.matcher(first);
		assertThat(next.find()).isTrue();
		String second = admin.get(next.group(1).replace("&amp;", "&")).body();

		assertThat(first).contains("odd-52").doesNotContain("odd-02");
		assertThat(second).contains("odd-02").contains("odd-00").doesNotContain("other-1");
	}

	@Test
	void longListsPageWithACursorThatKeepsTheFilter() {
		CreatedTenant tenant = newTenant("Many");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "TickHappened");
		Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
		for (int i = 0; i < 53; i++) {
			fixtures.notification(String.format("tick-%02d", i), "SENT", "r", start.plusSeconds(i));
		}
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		String first = admin.get("/notifications?status=SENT").body();
		Matcher next = NEXT.matcher(first);
		assertThat(next.find()).isTrue();
		String second = admin.get(next.group(1).replace("&amp;", "&")).body();

		assertThat(first).contains("tick-52").contains("tick-03").doesNotContain("tick-02");
		assertThat(second).contains("tick-02").contains("tick-00").doesNotContain("tick-03");
		assertThat(next.group(1)).contains("status=SENT");
		assertThat(NEXT.matcher(second).find()).isFalse();
	}

	@Test
	void detailShowsTheRenderedContentAsTextEveryAttemptAndTheEvent() {
		CreatedTenant tenant = newTenant("Detail Co");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "OrderPlaced");
		Instant now = Instant.now();
		UUID id = fixtures.notification("order-7", "DEAD", "dora", now);
		fixtures.attempt(id, 1, "RETRY", 500, "HTTP 500 from receiver", now);
		fixtures.attempt(id, 2, "RETRY", 503, "HTTP 503 from receiver", now.plusSeconds(5));

		HttpResponse<String> page = signedIn(newUser(tenant, Role.TENANT_VIEWER)).get("/notifications/" + id);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("&lt;b&gt;Order&lt;/b&gt; order-7")
			.doesNotContain("<b>Order</b>")
			.contains("HTTP 500 from receiver")
			.contains("HTTP 503 from receiver")
			.contains("42 ms")
			.contains("HTTP 500 after 3 attempts")
			.contains("https://shop.example")
			.contains("orderId");
		PageChecks.assertWellFormedPage(page.body());
	}

	@Test
	void anotherTenantsNotificationIsNotFoundAndIsNeverListed() {
		CreatedTenant mine = newTenant("Mine N");
		CreatedTenant theirs = newTenant("Theirs N");
		UUID foreign = new DeliveryFixtures(this.jdbc, theirs.tenant().getId(), "PrivateThing")
			.notification("private-1", "SENT", "secret-person", Instant.now());
		ConsoleClient admin = signedIn(newUser(mine, Role.TENANT_ADMIN));

		HttpResponse<String> detail = admin.get("/notifications/" + foreign);
		HttpResponse<String> list = admin.get("/notifications?eventId=private-1");

		assertThat(detail.statusCode()).isEqualTo(404);
		assertThat(detail.body()).doesNotContain("secret-person");
		assertThat(list.body()).doesNotContain("secret-person").contains("No notifications match");
		assertThat(operator().get("/notifications/" + foreign).body()).as("operators see every tenant")
			.contains("secret-person");
	}

	@Test
	void badFiltersAndAStaleCursorAreExplainedInsteadOfFailing() {
		CreatedTenant tenant = newTenant("Bad Filters");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		HttpResponse<String> badTime = admin.get("/notifications?from=yesterday&status=NOPE");
		HttpResponse<String> badCursor = admin.get("/notifications?cursor=garbage");

		assertThat(badTime.statusCode()).isEqualTo(200);
		assertThat(badTime.body()).contains("From: use a date and time").contains("Status: choose one");
		assertThat(badCursor.body()).contains("The page link is out of date");
		PageChecks.assertWellFormedPage(badTime.body());
	}

}
