package io.herald.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

import io.herald.api.ApiClient.Response;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list pages with {@code limit} and an opaque {@code cursor}: each item exactly
 * once while rows are inserted between pages; a cursor of another list, a made-up one or
 * a limit out of range is a 400.
 */
class ListIntegrationTests extends ApiIntegrationTest {

	private static final String VALIDATION = "https://herald.dev/problems/validation";

	@Autowired
	private EventRecordRepository events;

	@Autowired
	private NotificationRepository notifications;

	@Test
	void eventTypesPageByNameWithEachOneOnceWhileOthersAreCreated() {
		TestTenant tenant = newTenant();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			names.add(eventType(tenant, "Type" + i));
		}
		List<String> seen = pageThrough(as(tenant), "/api/v1/event-types", "name", 3,
				(page) -> eventType(tenant, "Inserted" + page));
		assertThat(seen).doesNotHaveDuplicates().containsAll(names);
		assertThat(seen.subList(0, 7)).isSorted();
	}

	@Test
	void subscriptionsApiKeysAndRecipientsPageWithEachOneOnceWhileOthersAreCreated() {
		TestTenant tenant = newTenant();
		eventType(tenant, "UserRegistered");
		as(tenant).post("/api/v1/templates", "{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hi\"}");
		List<String> subscriptions = new ArrayList<>();
		List<String> keys = new ArrayList<>(
				as(tenant).get("/api/v1/api-keys").json().get("items").findValuesAsString("id"));
		for (int i = 0; i < 6; i++) {
			subscriptions.add(subscription(tenant, i));
			keys.add(apiKey(tenant, "key-" + i));
			as(tenant).put("/api/v1/recipients/user-" + i, "{\"email\":\"u" + i + "@example.com\"}");
		}
		List<String> seenSubscriptions = pageThrough(as(tenant), "/api/v1/subscriptions", "id", 4,
				(page) -> subscription(tenant, 100 + page));
		assertThat(seenSubscriptions).doesNotHaveDuplicates().containsAll(subscriptions);
		assertThat(seenSubscriptions.subList(0, 6)).containsExactlyElementsOf(subscriptions);

		List<String> seenKeys = pageThrough(as(tenant), "/api/v1/api-keys", "id", 2,
				(page) -> apiKey(tenant, "late-" + page));
		assertThat(seenKeys).doesNotHaveDuplicates().containsAll(keys);
		assertThat(seenKeys.subList(0, 7)).containsExactlyElementsOf(keys);
		// the operator's view of the same keys (one more was issued after the last page)
		assertThat(pageThrough(this.api.asOperator(OPERATOR, OPERATOR_PASSWORD),
				"/api/v1/ops/tenants/" + tenant.slug() + "/api-keys", "id", 3, (page) -> {
				}))
			.doesNotHaveDuplicates()
			.startsWith(seenKeys.toArray(String[]::new))
			.hasSize(seenKeys.size() + 1);

		List<String> seenRecipients = pageThrough(as(tenant), "/api/v1/recipients", "externalId", 4,
				(page) -> as(tenant).put("/api/v1/recipients/user-late-" + page, "{}"));
		assertThat(seenRecipients).doesNotHaveDuplicates()
			.containsAll(List.of("user-0", "user-1", "user-2", "user-3", "user-4", "user-5"));
		as(tenant).delete("/api/v1/recipients/user-3");
		assertThat(pageThrough(as(tenant), "/api/v1/recipients", "externalId", 50, (page) -> {
		})).doesNotContain("user-3").contains("user-2", "user-4");
	}

	@Test
	void templatesPageTheirNewestVersionsAndVersionsPageEachVersionOnce() {
		TestTenant tenant = newTenant();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			names.add(template(tenant, "tpl-" + i, "EMAIL", "v1 of " + i));
		}
		template(tenant, "tpl-2", "EMAIL", "v2 of 2");
		List<String> seen = new ArrayList<>();
		List<Integer> versions = new ArrayList<>();
		pageThrough(as(tenant), "/api/v1/templates", 2, (page) -> {
			// a new version of a template already listed, and a new template
			template(tenant, "tpl-0", "EMAIL", "late version");
			template(tenant, "tpl-late-" + page, "EMAIL", "late");
		}, (item) -> {
			seen.add(item.get("name").asString());
			if (item.get("name").asString().equals("tpl-2")) {
				versions.add(item.get("version").asInt());
			}
		});
		assertThat(seen).doesNotHaveDuplicates().containsAll(names);
		assertThat(versions).containsExactly(2);

		for (int v = 2; v <= 5; v++) {
			template(tenant, "tpl-4", "EMAIL", "v" + v);
		}
		List<String> seenVersions = pageThrough(as(tenant), "/api/v1/templates/tpl-4/versions", "version", 2,
				(page) -> template(tenant, "tpl-4", "EMAIL", "late " + page));
		assertThat(seenVersions).doesNotHaveDuplicates().startsWith("1", "2", "3", "4", "5");
		assertThat(as(tenant).get("/api/v1/templates/no-such/versions").status()).isEqualTo(404);
	}

	@Test
	void notificationsPageNewestFirstWithEachOnceWhileTheWorkerAddsMore() {
		TestTenant tenant = newTenant();
		UUID subscription = UUID.fromString(webhookSetup(tenant));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			ids.add(notification(tenant, subscription, "evt-" + i, "user-" + i, NotificationStatus.SENT,
					Channel.WEBHOOK, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(i))
				.getId()
				.toString());
		}
		List<String> seen = pageThrough(as(tenant), "/api/v1/notifications", "id", 4,
				(page) -> notification(tenant, subscription, "evt-late-" + page, "user-late",
						NotificationStatus.PENDING, Channel.WEBHOOK, Instant.now()));
		assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(ids.reversed());
		// README's first call, as written
		assertThat(as(tenant).get("/api/v1/notifications?eventId=evt-3").json().get("items").findValuesAsString("id"))
			.containsExactly(ids.get(3));
	}

	@Test
	void replaysTenantsAndChannelsAnswerTheSameShape() {
		TestTenant tenant = newTenant();
		List<String> jobs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Response created = as(tenant).post("/api/v1/replays", "{\"dryRun\":false}");
			assertThat(created.status()).isEqualTo(202);
			jobs.add(created.json().get("id").asString());
		}
		assertThat(pageThrough(as(tenant), "/api/v1/replays", "id", 2, (page) -> {
		})).containsExactlyElementsOf(jobs.reversed());
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		assertThat(pageThrough(operator, "/api/v1/ops/replays?tenant=" + tenant.slug(), "id", 1, (page) -> {
		})).containsExactlyElementsOf(jobs.reversed());
		assertThat(pageThrough(operator, "/api/v1/ops/replays", "id", 200, (page) -> {
		})).containsAll(jobs);

		List<String> slugs = this.jdbc.queryForList("SELECT slug FROM tenant", String.class);
		List<String> seenSlugs = pageThrough(operator, "/api/v1/ops/tenants", "slug", 3, (page) -> newTenant());
		assertThat(seenSlugs).doesNotHaveDuplicates().containsAll(slugs);

		assertThat(as(tenant)
			.put("/api/v1/channels/EMAIL",
					"{\"provider\":\"SMTP\",\"host\":\"127.0.0.1\",\"port\":2525,\"from\":\"noreply@example.com\"}")
			.status()).isEqualTo(200);
		JsonNode channels = as(tenant).get("/api/v1/channels").json();
		assertThat(channels.get("items").findValuesAsString("channel")).containsExactly("EMAIL");
		assertThat(channels.get("nextCursor").isNull()).isTrue();
		assertThat(as(tenant).get("/api/v1/sandbox/messages?limit=1").json().get("nextCursor").isNull()).isTrue();
	}

	@Test
	void eachNotificationFilterNarrowsTheList() {
		TestTenant tenant = newTenant();
		UUID first = UUID.fromString(webhookSetup(tenant));
		UUID second = UUID.fromString(subscription(tenant, 1));
		Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
		String sent = notification(tenant, first, "evt-1", "ada", NotificationStatus.SENT, Channel.WEBHOOK, t0).getId()
			.toString();
		String dead = notification(tenant, first, "evt-2", "bob", NotificationStatus.DEAD, Channel.EMAIL,
				t0.plusSeconds(60))
			.getId()
			.toString();
		String other = notification(tenant, second, "evt-2", "ada", NotificationStatus.SENT, Channel.PUSH,
				t0.plusSeconds(120))
			.getId()
			.toString();
		this.jdbc.update("UPDATE notification SET event_type = 'OrderPlaced' WHERE id = ?::uuid", other);
		assertThat(ids(tenant, "status=dead")).containsExactly(dead);
		assertThat(ids(tenant, "status=SENT")).containsExactly(other, sent);
		assertThat(ids(tenant, "channel=email")).containsExactly(dead);
		assertThat(ids(tenant, "channel=PUSH")).containsExactly(other);
		assertThat(ids(tenant, "eventType=OrderPlaced")).containsExactly(other);
		assertThat(ids(tenant, "eventType=UserRegistered")).containsExactly(dead, sent);
		assertThat(ids(tenant, "eventId=evt-2")).containsExactly(other, dead);
		assertThat(ids(tenant, "recipient=ada")).containsExactly(other, sent);
		assertThat(ids(tenant, "subscriptionId=" + second)).containsExactly(other);
		assertThat(ids(tenant, "from=2026-11-20T10:01:00Z")).containsExactly(other, dead);
		assertThat(ids(tenant, "to=2026-11-20T10:01:00Z")).containsExactly(sent);
		assertThat(ids(tenant, "from=2026-11-20T10:00:30Z&to=2026-11-20T10:01:30Z")).containsExactly(dead);
		assertThat(ids(tenant, "status=SENT&recipient=ada&channel=WEBHOOK")).containsExactly(sent);
		assertThat(ids(newTenant(), "eventId=evt-2")).isEmpty();
		assertBadRequest(as(tenant).get("/api/v1/notifications?channel=SMS"), "channel");
		assertBadRequest(as(tenant).get("/api/v1/notifications?from=yesterday"), "from");
		assertBadRequest(as(tenant).get("/api/v1/notifications?status=LOST"), "status");
		assertThat(as(tenant).get("/api/v1/notifications?subscriptionId=nope").status()).isEqualTo(400);
	}

	private List<String> ids(TestTenant tenant, String query) {
		Response response = as(tenant).get("/api/v1/notifications?" + query);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().get("items").findValuesAsString("id");
	}

	@Test
	void aMadeUpOrForeignCursorAndALimitOutOfRangeAre400() {
		TestTenant tenant = newTenant();
		eventType(tenant, "A");
		eventType(tenant, "B");
		String cursor = as(tenant).get("/api/v1/event-types?limit=1").json().get("nextCursor").asString();
		assertThat(as(tenant).get("/api/v1/event-types?limit=1&cursor=" + cursor).json().at("/items/0/name").asString())
			.isEqualTo("B");
		for (String path : List.of("/api/v1/subscriptions", "/api/v1/templates", "/api/v1/notifications",
				"/api/v1/api-keys", "/api/v1/recipients", "/api/v1/replays", "/api/v1/channels",
				"/api/v1/sandbox/messages")) {
			assertBadRequest(as(tenant).get(path + "?cursor=" + cursor), "cursor");
			assertBadRequest(as(tenant).get(path + "?cursor=not-a-cursor"), "cursor");
			assertBadRequest(as(tenant).get(path + "?limit=501"), "limit");
			assertBadRequest(as(tenant).get(path + "?limit=0"), "limit");
			assertThat(as(tenant).get(path + "?limit=500").status()).isEqualTo(200);
		}
		assertBadRequest(as(tenant).get("/api/v1/event-types?cursor=%00%01"), "cursor");
		assertThat(as(tenant).get("/api/v1/event-types?limit=ten").status()).isEqualTo(400);
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		assertBadRequest(operator.get("/api/v1/ops/tenants?cursor=" + cursor), "cursor");
		assertBadRequest(operator.get("/api/v1/ops/tenants?limit=501"), "limit");
		assertBadRequest(operator.get("/api/v1/ops/replays?cursor=" + cursor), "cursor");
	}

	@Test
	void aPageHoldsFiftyByDefault() {
		TestTenant tenant = newTenant();
		for (int i = 0; i < 51; i++) {
			as(tenant).put("/api/v1/recipients/r-" + i, "{}");
		}
		JsonNode first = as(tenant).get("/api/v1/recipients").json();
		assertThat(first.get("items")).hasSize(50);
		JsonNode last = as(tenant).get("/api/v1/recipients?cursor=" + first.get("nextCursor").asString()).json();
		assertThat(last.get("items")).hasSize(1);
		assertThat(last.get("nextCursor").isNull()).isTrue();
	}

	private static void assertBadRequest(Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.problemType()).isEqualTo(VALIDATION);
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly(field);
	}

	private List<String> pageThrough(ApiClient client, String path, String field, int limit, IntConsumer between) {
		List<String> seen = new ArrayList<>();
		pageThrough(client, path, limit, between, (item) -> seen.add(item.get(field).asString()));
		return seen;
	}

	private void pageThrough(ApiClient client, String path, int limit, IntConsumer between,
			java.util.function.Consumer<JsonNode> each) {
		String separator = path.contains("?") ? "&" : "?";
		String cursor = null;
		Set<String> cursors = new HashSet<>();
		int page = 0;
		do {
			Response response = client
				.get(path + separator + "limit=" + limit + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode body = response.json();
			assertThat(body.get("items").size()).isLessThanOrEqualTo(limit);
			body.get("items").forEach(each);
			cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
			assertThat(cursor == null || cursors.add(cursor)).isTrue();
			between.accept(page++);
		}
		while (cursor != null && page < 1000);
	}

	private String eventType(TestTenant tenant, String name) {
		Response created = as(tenant).post("/api/v1/event-types", "{\"name\":\"" + name + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return name;
	}

	private String template(TestTenant tenant, String name, String channel, String body) {
		Response created = as(tenant).post("/api/v1/templates", "{\"name\":\"" + name + "\",\"channel\":\"" + channel
				+ "\",\"subject\":\"S\",\"body\":\"" + body + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return name;
	}

	private String subscription(TestTenant tenant, int i) {
		Response created = as(tenant).post("/api/v1/subscriptions",
				"{\"eventType\":\"UserRegistered\",\"template\":\"hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"http://127.0.0.1:9/h"
						+ i + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String apiKey(TestTenant tenant, String name) {
		Response created = as(tenant).post("/api/v1/api-keys",
				"{\"name\":\"" + name + "\",\"scopes\":[\"config:read\"]}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private String webhookSetup(TestTenant tenant) {
		eventType(tenant, "UserRegistered");
		as(tenant).post("/api/v1/templates", "{\"name\":\"hook\",\"channel\":\"WEBHOOK\",\"body\":\"Hi\"}");
		return subscription(tenant, 0);
	}

	/** What the worker leaves behind: the stored event and its outbox row. */
	Notification notification(TestTenant tenant, UUID subscription, String eventId, String recipient,
			NotificationStatus status, Channel channel, Instant createdAt) {
		if (!this.events.existsById(new EventRecord.Key(tenant.id(), eventId))) {
			this.events.save(new EventRecord(tenant.id(), new CloudEventEnvelope(eventId, "/test", "UserRegistered",
					recipient, createdAt, "application/json", null, tenant.id()), "{}", createdAt));
		}
		Notification notification = new Notification(tenant.id(), eventId, "UserRegistered", subscription, channel,
				recipient, "http://127.0.0.1:9/h", createdAt);
		notification.rendered(null, 1, "Hi", "Hi");
		notification.settle(status, null, createdAt);
		return this.notifications.save(notification);
	}

}
