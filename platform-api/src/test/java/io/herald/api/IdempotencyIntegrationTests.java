package io.herald.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.herald.api.ApiClient.Response;
import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Idempotency-Key} on POST, on the real Redis and PostgreSQL, and the natural key
 * of subscriptions.
 */
class IdempotencyIntegrationTests extends ApiIntegrationTest {

	private static final String PROBLEMS = "https://herald.dev/problems/";

	private static final String SUBSCRIPTION = """
			{"eventType":"UserRegistered","template":"welcome-hook","channel":"WEBHOOK",
			 "endpoint":"http://127.0.0.1:9999/hook","enabled":true}""";

	@Test
	void sameKeyAndBodyGetTheFirstAnswerAndCreateOneSubscription() {
		TestTenant tenant = tenantWithTemplate();
		ApiClient client = as(tenant).withHeader("Idempotency-Key", UUID.randomUUID().toString());
		Response first = client.post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isNull();
		Response again = client.post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.location()).isNotNull().isEqualTo(first.location());
		assertThat(again.contentType()).isEqualTo(first.contentType());
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.header("X-Request-Id")).isNotEqualTo(first.header("X-Request-Id"));
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).hasSize(1);
	}

	@Test
	void sameKeyForAnotherRequestIsUnprocessable() {
		TestTenant tenant = tenantWithTemplate();
		ApiClient client = as(tenant).withHeader("Idempotency-Key", "order-42-subscribe");
		assertThat(client.post("/api/v1/subscriptions", SUBSCRIPTION).status()).isEqualTo(201);
		Response otherBody = client.post("/api/v1/subscriptions", SUBSCRIPTION.replace("9999/hook", "9999/other"));
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(otherBody.isProblem()).isTrue();
		assertThat(otherBody.problemType()).isEqualTo(PROBLEMS + "idempotency-key-reused");
		Response otherPath = client.post("/api/v1/event-types", "{\"name\":\"OrderPlaced\"}");
		assertThat(otherPath.status()).isEqualTo(422);
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).hasSize(1);
		assertThat(as(tenant).get("/api/v1/event-types").json().get("items").findValuesAsString("name"))
			.containsExactly("UserRegistered");
	}

	@Test
	void keysBelongToTheirCaller() {
		TestTenant a = tenantWithTemplate();
		TestTenant b = tenantWithTemplate();
		String key = UUID.randomUUID().toString();
		Response ofA = as(a).withHeader("Idempotency-Key", key).post("/api/v1/subscriptions", SUBSCRIPTION);
		Response ofB = as(b).withHeader("Idempotency-Key", key).post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(ofA.status()).isEqualTo(201);
		assertThat(ofB.status()).isEqualTo(201);
		assertThat(ofB.header("Idempotent-Replayed")).isNull();
		assertThat(ofB.json().get("id")).isNotEqualTo(ofA.json().get("id"));
	}

	@Test
	void concurrentRequestsWithOneKeyRunOnce() throws Exception {
		TestTenant tenant = tenantWithTemplate();
		ApiClient client = as(tenant).withHeader("Idempotency-Key", UUID.randomUUID().toString());
		int callers = 8;
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Response>> calls = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				calls.add(pool.submit(() -> {
					start.await();
					return client.post("/api/v1/subscriptions", SUBSCRIPTION);
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> call : calls) {
				responses.add(call.get(60, TimeUnit.SECONDS));
			}
			List<Response> created = responses.stream().filter((response) -> response.status() == 201).toList();
			List<Response> running = responses.stream().filter((response) -> response.status() == 409).toList();
			assertThat(created.size() + running.size()).isEqualTo(callers);
			assertThat(created).isNotEmpty()
				.allSatisfy((response) -> assertThat(response.body()).isEqualTo(created.get(0).body()));
			assertThat(running).allSatisfy((response) -> {
				assertThat(response.problemType()).isEqualTo(PROBLEMS + "idempotency-key-in-progress");
				assertThat(response.header("Retry-After")).isEqualTo("1");
			});
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).hasSize(1);
	}

	@Test
	void finalClientErrorsAreKeptAndRateLimitsAreNot() {
		TestTenant tenant = newTenant();
		ApiClient client = as(tenant).withHeader("Idempotency-Key", UUID.randomUUID().toString());
		Response unknownType = client.post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(unknownType.status()).isEqualTo(422);
		setUpTemplate(tenant);
		// the first answer is final: the same request with the same key gets it again
		Response replayed = client.post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(replayed.status()).isEqualTo(422);
		assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).isEmpty();

		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		operator.put("/api/v1/ops/tenants/" + tenant.slug() + "/limits", "{\"eventsPerSecond\":1,\"burst\":1}");
		String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
				+ "\",\"source\":\"/shop\",\"type\":\"UserRegistered\",\"data\":{}}";
		// the limits reach the key within the lookup-cache time; a fresh key per try, so
		// that no try before is replayed
		AtomicReference<ApiClient> keyed = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			as(tenant).post("/api/v1/events", event);
			keyed.set(as(tenant).withHeader("Idempotency-Key", UUID.randomUUID().toString()));
			return keyed.get().post("/api/v1/events", event).status() == 429;
		});
		ApiClient limited = keyed.get();
		// a 429 is not kept: once the quota allows, the same key runs
		Response accepted = await().atMost(Duration.ofSeconds(15))
			.until(() -> limited.post("/api/v1/events", event), (response) -> response.status() == 202);
		assertThat(accepted.header("Idempotent-Replayed")).isNull();
		assertThat(limited.post("/api/v1/events", event).header("Idempotent-Replayed")).isEqualTo("true");
	}

	@Test
	void operatorCreatesOneTenantPerKey() {
		String slug = "idem-" + UUID.randomUUID().toString().substring(0, 8);
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD)
			.withHeader("Idempotency-Key", UUID.randomUUID().toString());
		String body = "{\"slug\":\"" + slug + "\",\"name\":\"Idempotent\"}";
		Response first = operator.post("/api/v1/ops/tenants", body);
		assertThat(first.status()).isEqualTo(201);
		Response again = operator.post("/api/v1/ops/tenants", body);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.json().get("apiKey").asString()).isEqualTo(first.json().get("apiKey").asString());
		assertThat(this.jdbc.queryForObject("select count(*) from tenant where slug = ?", Integer.class, slug))
			.isEqualTo(1);
	}

	@Test
	void anUnusableKeyIsRefused() {
		TestTenant tenant = tenantWithTemplate();
		Response tooLong = as(tenant).withHeader("Idempotency-Key", "k".repeat(256))
			.post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.problemType()).isEqualTo(PROBLEMS + "validation");
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).isEmpty();
	}

	@Test
	void keysAreKeptInPostgresWhileRedisIsDownAndHonouredAfterIt() {
		TestTenant tenant = tenantWithTemplate();
		String key = UUID.randomUUID().toString();
		ApiClient client = as(tenant).withHeader("Idempotency-Key", key);
		Response first;
		TestServers.stopRedis();
		try {
			first = client.post("/api/v1/subscriptions", SUBSCRIPTION);
			assertThat(first.status()).isEqualTo(201);
			Response again = client.post("/api/v1/subscriptions", SUBSCRIPTION);
			assertThat(again.status()).isEqualTo(201);
			assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(again.body()).isEqualTo(first.body());
			assertThat(client.post("/api/v1/subscriptions", SUBSCRIPTION.replace("9999/hook", "9999/b")).status())
				.isEqualTo(422);
			// kept encrypted: the answer holds the webhook's signing secret
			List<String> stored = this.jdbc.queryForList(
					"select response from idempotency_record where principal = ? and state = 'DONE'", String.class,
					"tenant:" + tenant.id());
			assertThat(stored).hasSize(1);
			assertThat(stored.get(0)).startsWith("v2:default:")
				.doesNotContain(first.json().get("signingSecret").asString())
				.doesNotContain(first.json().get("id").asString());
		}
		finally {
			TestServers.startRedis();
		}
		// with Redis back, the key recorded during the outage still answers as then
		Response afterOutage = client.post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(afterOutage.status()).isEqualTo(201);
		assertThat(afterOutage.body()).isEqualTo(first.body());
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).hasSize(1);
	}

	@Test
	void aSecondIdenticalSubscriptionIsAConflictWithoutAKey() {
		TestTenant tenant = tenantWithTemplate();
		Response first = as(tenant).post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(first.status()).isEqualTo(201);
		Response duplicate = as(tenant).post("/api/v1/subscriptions", SUBSCRIPTION);
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.problemType()).isEqualTo(PROBLEMS + "conflict");
		assertThat(duplicate.json().get("detail").asString()).contains(first.json().get("id").asString());
		// another endpoint is another subscription; it cannot be changed into the first
		Response other = as(tenant).post("/api/v1/subscriptions", SUBSCRIPTION.replace("9999/hook", "9999/other"));
		assertThat(other.status()).isEqualTo(201);
		Response update = as(tenant).put("/api/v1/subscriptions/" + other.json().get("id").asString(),
				"{\"endpoint\":\"http://127.0.0.1:9999/hook\"}");
		assertThat(update.status()).isEqualTo(409);
		assertThat(as(tenant).get("/api/v1/subscriptions").json().get("items")).hasSize(2);
		// the same subscription in another tenant is no conflict
		TestTenant another = tenantWithTemplate();
		assertThat(as(another).post("/api/v1/subscriptions", SUBSCRIPTION).status()).isEqualTo(201);
	}

	private TestTenant tenantWithTemplate() {
		TestTenant tenant = newTenant();
		setUpTemplate(tenant);
		return tenant;
	}

	private void setUpTemplate(TestTenant tenant) {
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"UserRegistered\"}").status()).isEqualTo(201);
		assertThat(as(tenant).post("/api/v1/templates", """
				{"name":"welcome-hook","channel":"WEBHOOK","locale":"en","subject":"Hi","body":"Hello"}""").status())
			.isEqualTo(201);
	}

}
