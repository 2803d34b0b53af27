package io.herald.admin.replay;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import io.herald.admin.support.PageChecks;
import io.herald.core.audit.Actor;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayScope;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.RowSecurity;
import io.herald.core.tenant.TenantScope;
import io.herald.core.user.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaysIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern MATCHED = Pattern.compile("id=\"matched\">(\\d+)<");

	private static final Pattern JOB = Pattern.compile("/replays/([0-9a-f-]{36})$");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReplayManagement replays;

	@Test
	void dryRunCountsTheFixtureRowsAndShowsTheNewestAsASample() {
		CreatedTenant tenant = newTenant("Replay Co");
		CreatedTenant other = newTenant("Other Replay Co");
		String type = unique("OrderPlaced");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), type);
		Instant now = Instant.now();
		fixtures.notification(unique("dead"), "DEAD", "alice", now.minusSeconds(30));
		fixtures.notification(unique("dead"), "DEAD", "bob", now.minusSeconds(20));
		fixtures.notification("dead-newest", "DEAD", "<b>carol</b>", now.minusSeconds(10));
		fixtures.notification(unique("failed"), "FAILED", "dora", now);
		fixtures.notification("sent-one", "SENT", "erin", now);
		new DeliveryFixtures(this.jdbc, other.tenant().getId(), type).notification("other-dead", "DEAD", "x", now);
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		HttpResponse<String> dead = admin.get("/replays/dry-run?kind=NOTIFICATIONS&status=DEAD&eventType=" + type);
		HttpResponse<String> both = admin.get("/replays/dry-run?kind=NOTIFICATIONS&eventType=" + type);
		HttpResponse<String> badTime = admin.get("/replays/dry-run?kind=NOTIFICATIONS&from=yesterday");

		assertThat(dead.statusCode()).isEqualTo(200);
		assertThat(matched(dead)).isEqualTo(3);
		assertThat(matched(both)).isEqualTo(4);
		assertThat(dead.body()).contains("dead-newest")
			.contains("&lt;b&gt;carol&lt;/b&gt;")
			.doesNotContain("<b>carol</b>")
			.doesNotContain("sent-one")
			.doesNotContain("other-dead")
			.contains("Start the replay");
		assertThat(badTime.body()).contains("From: use a date and time such as 2026-11-28T14:30 (UTC).")
			.doesNotContain("Start the replay");
		PageChecks.assertWellFormedPage(dead.body());
		PageChecks.assertWellFormedPage(badTime.body());
	}

	@Test
	void confirmCreatesAJobWhosePageFollowsItsProgressAndStopsPollingWhenItEnds() {
		CreatedTenant tenant = newTenant("Progress Co");
		String type = unique("PaymentFailed");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), type);
		for (int i = 0; i < 4; i++) {
			fixtures.notification(unique("dead"), "DEAD", "r" + i, Instant.now());
		}
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/replays/dry-run?kind=NOTIFICATIONS&status=DEAD&eventType=" + type);

		HttpResponse<String> confirmed = admin.post("/replays",
				Map.of("kind", "NOTIFICATIONS", "status", "DEAD", "eventType", type));

		UUID id = jobId(confirmed);
		assertThat(this.jdbc.sql("SELECT tenant_id FROM replay_job WHERE id = ?").param(id).query(UUID.class).single())
			.isEqualTo(tenant.tenant().getId());
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'replay.created' AND entity_id = ?")
			.param(id.toString())
			.query(Integer.class)
			.single()).isOne();
		HttpResponse<String> page = admin.get("/replays/" + id);
		assertThat(page.body()).contains("Replay started")
			.contains("Waiting for a worker")
			.contains("status DEAD; event type " + type)
			.contains("hx-trigger=\"every 2s\"")
			.contains("hx-get=\"/replays/" + id + "/progress\"")
			.contains("Cancel the job");
		PageChecks.assertWellFormedPage(page.body());

		advance(id, "RUNNING", 4, 1, 1);
		String running = admin.get("/replays/" + id + "/progress").body();
		assertThat(running).contains("<progress value=\"25\" max=\"100\"")
			.contains("1 of 4 notifications handled: 1 requeued")
			.contains("hx-trigger=\"every 2s\"")
			.doesNotContain("<h1");

		advance(id, "SUCCEEDED", 4, 4, 3);
		String finished = admin.get("/replays/" + id + "/progress").body();
		assertThat(finished).contains("Finished")
			.contains("<progress value=\"100\" max=\"100\"")
			.contains("4 of 4 notifications handled: 3 requeued, 1 skipped")
			.doesNotContain("hx-trigger")
			.doesNotContain("hx-get")
			.doesNotContain("Cancel the job");
		HttpResponse<String> list = admin.get("/replays");
		assertThat(list.body()).contains("/replays/" + id).contains("Finished");
		PageChecks.assertWellFormedPage(list.body());
	}

	@Test
	void rateAndNewMessageIdShowOnTheDryRunAndReachTheJobAndItsPage() {
		CreatedTenant tenant = newTenant("Options Co");
		String type = unique("OptionEvent");
		new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), type).notification(unique("dead"), "DEAD", "r",
				Instant.now());
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		assertThat(admin.get("/replays").body()).contains("<label for=\"replay-ratePerSecond\">")
			.contains("<label for=\"replay-newMessageId\">")
			.contains("<label for=\"backfill-ratePerSecond\">");

		HttpResponse<String> dryRun = admin.get(
				"/replays/dry-run?kind=NOTIFICATIONS&status=DEAD&ratePerSecond=20&newMessageId=true&eventType=" + type);

		assertThat(matched(dryRun)).isEqualTo(1);
		assertThat(dryRun.body()).contains("20 notifications per second")
			.contains("yes: receivers see a new webhook-id / message id")
			.contains("name=\"ratePerSecond\" value=\"20\"")
			.contains("name=\"newMessageId\" value=\"true\"");
		PageChecks.assertWellFormedPage(dryRun.body());
		UUID id = jobId(admin.post("/replays", Map.of("kind", "NOTIFICATIONS", "status", "DEAD", "eventType", type,
				"ratePerSecond", "20", "newMessageId", "true")));

		UUID tenantId = tenant.tenant().getId();
		ReplayJobView job = RowSecurity.forTenant(tenantId,
				() -> this.replays.get(ReplayScope.of(new TenantScope(tenantId, Actor.SYSTEM)), id));
		assertThat(job.ratePerSecond()).isEqualTo(20);
		assertThat(job.newMessageId()).isTrue();
		assertThat(job.filter().status()).containsExactly("DEAD");
		String page = admin.get("/replays/" + id).body();
		assertThat(page).contains("id=\"job-rate\">20 notifications per second<")
			.contains("id=\"job-new-message-id\">yes: receivers see a new webhook-id / message id<");
		PageChecks.assertWellFormedPage(page);

		UUID plain = jobId(admin.post("/replays", Map.of("kind", "NOTIFICATIONS", "eventType", type)));
		assertThat(this.jdbc.sql("SELECT rate_per_second IS NULL AND NOT new_message_id FROM replay_job WHERE id = ?")
			.param(plain)
			.query(Boolean.class)
			.single()).as("defaults as in the API: the worker's rate, the same message id").isTrue();
		assertThat(admin.get("/replays/" + plain).body()).contains("herald.replay.rate-per-second")
			.contains("id=\"job-new-message-id\">no: the same id as before<");
		UUID backfill = jobId(
				admin.post("/replays", Map.of("kind", "EVENTS", "eventType", type, "ratePerSecond", "7")));
		assertThat(this.jdbc.sql("SELECT rate_per_second FROM replay_job WHERE id = ?")
			.param(backfill)
			.query(Integer.class)
			.single()).isEqualTo(7);
		assertThat(admin.get("/replays/" + backfill).body()).contains("7 events per second")
			.doesNotContain("job-new-message-id");
	}

	@Test
	void badRateOrNewMessageIdOnABackfillGivesAReadableMessageAndCreatesNothing() {
		CreatedTenant tenant = newTenant("Bad Options Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/replays");
		String rateProblem = "Rate: a whole number of notifications per second from 1 to 1000, or blank for the";

		for (String rate : new String[] { "0", "1001", "fast", "2.5", "-3", "99999999999" }) {
			HttpResponse<String> dryRun = admin.get("/replays/dry-run?kind=NOTIFICATIONS&ratePerSecond=" + rate);
			HttpResponse<String> create = admin.post("/replays",
					Map.of("kind", "NOTIFICATIONS", "ratePerSecond", rate));

			assertThat(dryRun.body()).as(rate).contains(rateProblem).doesNotContain("Start the replay");
			assertThat(create.statusCode()).as(rate).isEqualTo(200);
			assertThat(create.body()).as(rate).contains(rateProblem).doesNotContain("Start the replay");
			PageChecks.assertWellFormedPage(create.body());
		}
		HttpResponse<String> backfill = admin.post("/replays",
				Map.of("kind", "EVENTS", "newMessageId", "true", "ratePerSecond", "0"));

		assertThat(backfill.statusCode()).isEqualTo(200);
		assertThat(backfill.body())
			.contains("New message id: only a replay of notifications gives them new message ids")
			.contains("Rate: a whole number of events per second from 1 to 1000");
		assertThat(this.jdbc.sql("SELECT count(*) FROM replay_job WHERE tenant_id = ?")
			.param(tenant.tenant().getId())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void cancelEndsAnOpenJobAndSaysSoWhenItHadAlreadyEnded() {
		CreatedTenant tenant = newTenant("Cancel Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/replays");
		UUID id = jobId(admin.post("/replays", Map.of("kind", "NOTIFICATIONS")));
		admin.get("/replays/" + id);

		HttpResponse<String> cancelled = admin.post("/replays/" + id + "/cancel", Map.of());

		assertThat(cancelled.statusCode()).isEqualTo(302);
		assertThat(status(id)).isEqualTo("CANCELLED");
		String page = admin.get("/replays/" + id).body();
		assertThat(page).contains("Cancelled.").doesNotContain("hx-trigger").doesNotContain("Cancel the job");
		admin.post("/replays/" + id + "/cancel", Map.of());
		assertThat(admin.get("/replays/" + id).body()).contains("The job had already ended: nothing to cancel.");
	}

	@Test
	void backfillDryRunCountsStoredEventsAndConfirmCreatesAnEventsJob() {
		CreatedTenant tenant = newTenant("Backfill Co");
		String type = unique("UserRegistered");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), type);
		fixtures.notification(unique("evt"), "SENT", "a", Instant.now());
		fixtures.notification(unique("evt"), "DEAD", "b", Instant.now());
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));

		HttpResponse<String> dryRun = admin.get("/replays/dry-run?kind=EVENTS&eventType=" + type);

		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(matched(dryRun)).isEqualTo(2);
		assertThat(dryRun.body()).contains("Backfill dry run").contains("Start the backfill");
		PageChecks.assertWellFormedPage(dryRun.body());
		UUID id = jobId(admin.post("/replays", Map.of("kind", "EVENTS", "eventType", type)));
		assertThat(this.jdbc.sql("SELECT kind FROM replay_job WHERE id = ?").param(id).query(String.class).single())
			.isEqualTo("EVENTS");
		advance(id, "SUCCEEDED", 2, 2, 0);
		assertThat(admin.get("/replays/" + id + "/progress").body())
			.contains("2 of 2 events handled: 0 notifications created");
	}

	@Test
	void operatorReplaysAcrossTenantsWhenLookingAtAllTenants() {
		String type = unique("Shared");
		CreatedTenant one = newTenant("Across One");
		CreatedTenant two = newTenant("Across Two");
		new DeliveryFixtures(this.jdbc, one.tenant().getId(), type).notification(unique("e"), "DEAD", "a",
				Instant.now());
		new DeliveryFixtures(this.jdbc, two.tenant().getId(), type).notification(unique("e"), "FAILED", "b",
				Instant.now());
		ConsoleClient operator = operator();

		HttpResponse<String> dryRun = operator.get("/replays/dry-run?kind=NOTIFICATIONS&eventType=" + type);
		assertThat(matched(dryRun)).isEqualTo(2);
		assertThat(dryRun.body()).contains(one.tenant().getSlug()).contains(two.tenant().getSlug());
		PageChecks.assertWellFormedPage(dryRun.body());
		UUID id = jobId(operator.post("/replays", Map.of("kind", "NOTIFICATIONS", "eventType", type)));

		assertThat(this.jdbc.sql("SELECT count(*) FROM replay_job WHERE id = ? AND tenant_id IS NULL")
			.param(id)
			.query(Integer.class)
			.single()).isOne();
		HttpResponse<String> list = operator.get("/replays");
		assertThat(list.body()).contains("all tenants");
		PageChecks.assertWellFormedPage(list.body());
		PageChecks.assertWellFormedPage(operator.get("/replays/" + id).body());
		operator.post("/tenant-switch", Map.of("tenant", one.tenant().getSlug(), "back", "/replays"));
		assertThat(operator.get("/replays/" + id).statusCode()).as("a job over all tenants is not one tenant's")
			.isEqualTo(404);
	}

	@Test
	void viewerSeesEveryReplayPageButEveryPostIsRefused() {
		CreatedTenant tenant = newTenant("Viewer Replay Co");
		ConsoleClient admin = signedIn(newUser(tenant, Role.TENANT_ADMIN));
		admin.get("/replays");
		UUID id = jobId(admin.post("/replays", Map.of("kind", "NOTIFICATIONS")));
		ConsoleClient viewer = signedIn(newUser(tenant, Role.TENANT_VIEWER));

		HttpResponse<String> list = viewer.get("/replays");
		HttpResponse<String> dryRun = viewer.get("/replays/dry-run?kind=NOTIFICATIONS");
		HttpResponse<String> job = viewer.get("/replays/" + id);
		HttpResponse<String> create = viewer.post("/replays", Map.of("kind", "NOTIFICATIONS"));
		HttpResponse<String> cancel = viewer.post("/replays/" + id + "/cancel", Map.of());

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(job.body()).doesNotContain("Cancel the job");
		assertThat(create.statusCode()).isEqualTo(403);
		assertThat(cancel.statusCode()).isEqualTo(403);
		assertThat(status(id)).isEqualTo("PENDING");
		assertThat(this.jdbc.sql("SELECT count(*) FROM replay_job WHERE tenant_id = ?")
			.param(tenant.tenant().getId())
			.query(Integer.class)
			.single()).isOne();
		PageChecks.assertWellFormedPage(list.body());
		PageChecks.assertWellFormedPage(dryRun.body());
		PageChecks.assertWellFormedPage(job.body());
	}

	@Test
	void anotherTenantsJobIsNotFound() {
		CreatedTenant owner = newTenant("Owner Co");
		CreatedTenant intruder = newTenant("Intruder Co");
		ConsoleClient ownerAdmin = signedIn(newUser(owner, Role.TENANT_ADMIN));
		ownerAdmin.get("/replays");
		UUID id = jobId(ownerAdmin.post("/replays", Map.of("kind", "NOTIFICATIONS")));
		ConsoleClient other = signedIn(newUser(intruder, Role.TENANT_ADMIN));
		other.get("/replays");

		assertThat(other.get("/replays/" + id).statusCode()).isEqualTo(404);
		assertThat(other.get("/replays/" + id + "/progress").statusCode()).isEqualTo(404);
		assertThat(other.post("/replays/" + id + "/cancel", Map.of()).statusCode()).isEqualTo(404);
		assertThat(other.get("/replays/not-an-id").statusCode()).isEqualTo(404);
		assertThat(other.get("/replays").body()).doesNotContain(id.toString());
		assertThat(status(id)).isEqualTo("PENDING");
	}

	/** What the worker's runner writes as it goes. */
	private void advance(UUID id, String status, int matched, int processed, int requeued) {
		boolean ended = !"RUNNING".equals(status);
		this.jdbc.sql("""
				UPDATE replay_job SET status = :status, matched = :matched, processed = :processed,
				    requeued = :requeued, skipped = :processed - :requeued, started_at = now(),
				    finished_at = CASE WHEN :ended THEN now() END
				WHERE id = :id""")
			.param("status", status)
			.param("matched", matched)
			.param("processed", processed)
			.param("requeued", requeued)
			.param("ended", ended)
			.param("id", id)
			.update();
	}

	private String status(UUID id) {
		return this.jdbc.sql("SELECT status FROM replay_job WHERE id = ?").param(id).query(String.class).single();
	}

	private static int matched(HttpResponse<String> page) {
		Matcher matched = MATCHED.matcher(page.body());
		assertThat(matched.find()).as("a count in %s", page.body()).isTrue();
		return Integer.parseInt(matched.group(1));
	}

	private static UUID jobId(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		Matcher job = JOB.matcher(response.headers().firstValue("Location").orElseThrow());
		assertThat(job.find()).isTrue();
		return UUID.fromString(job.group(1));
	}

}
