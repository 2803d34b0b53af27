package io.herald.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.herald.api.ApiClient.Response;
import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class QuotaIntegrationTests extends ApiIntegrationTest {

	private static final String RATE_LIMITED = "https://herald.dev/problems/rate-limited";

	@Test
	void ingestBeyondTheTenantsQuotaIsRateLimitedWithRetryAfter() {
		TestTenant tenant = tenantWithEventType();
		TestTenant unlimited = tenantWithEventType();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String limits = "/api/v1/ops/tenants/" + tenant.slug() + "/limits";
		Response set = operator.put(limits, "{\"eventsPerSecond\":1,\"burst\":3}");
		assertThat(set.status()).isEqualTo(200);
		assertThat(operator.get(limits).json().get("burst").asInt()).isEqualTo(3);
		assertThat(operator.get("/api/v1/ops/tenants/" + tenant.slug()).json().at("/limits/eventsPerSecond").asInt())
			.isEqualTo(1);

		// the key's limits are re-read within the lookup-cache time; then the burst runs
		// out
		Response limited = await().atMost(Duration.ofSeconds(15))
			.until(() -> as(tenant).post("/api/v1/events", event()), (response) -> response.status() == 429);
		assertThat(limited.problemType()).isEqualTo(RATE_LIMITED);
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
		for (int i = 0; i < 5; i++) {
			assertThat(as(unlimited).post("/api/v1/events", event()).status()).isEqualTo(202);
		}

		assertThat(operator.put(limits, "{}").json().get("eventsPerSecond").isNull()).isTrue();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(as(tenant).post("/api/v1/events", event()).status()).isEqualTo(202));
	}

	@Test
	void invalidLimitsAreRefused() {
		TestTenant tenant = newTenant();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		String limits = "/api/v1/ops/tenants/" + tenant.slug() + "/limits";
		assertThat(operator.put(limits, "{\"eventsPerSecond\":0}").status()).isEqualTo(400);
		assertThat(operator.put(limits, "{\"burst\":5}").status()).isEqualTo(400);
		assertThat(operator.put(limits, "{\"eventsPerSecond\":5,\"burst\":-1}").status()).isEqualTo(400);
		assertThat(operator.put("/api/v1/ops/tenants/no-such-tenant/limits", "{\"eventsPerSecond\":5}").status())
			.isEqualTo(404);
		assertThat(as(tenant).put(limits, "{\"eventsPerSecond\":1000}").status()).isEqualTo(401);
	}

	@Test
	void quotaFailsOpenWhileRedisIsUnreachable() {
		TestTenant tenant = tenantWithEventType();
		ApiClient operator = this.api.asOperator(OPERATOR, OPERATOR_PASSWORD);
		operator.put("/api/v1/ops/tenants/" + tenant.slug() + "/limits", "{\"eventsPerSecond\":1,\"burst\":1}");
		await().atMost(Duration.ofSeconds(15)).until(() -> as(tenant).post("/api/v1/events", event()).status() == 429);
		TestServers.stopRedis();
		try {
			for (int i = 0; i < 5; i++) {
				assertThat(as(tenant).post("/api/v1/events", event()).status()).isEqualTo(202);
			}
			assertThat(this.management.get("/actuator/prometheus").body())
				.contains("herald_api_limits_unenforced_total");
		}
		finally {
			TestServers.startRedis();
		}
	}

	@Test
	void operatorLoginsAreThrottledPerAddressAfterTenFailures() throws Exception {
		InetAddress address = randomLoopbackAddress();
		ApiClient wrong = this.api.from(address).asOperator(OPERATOR, "wrong-password");
		for (int i = 0; i < 10; i++) {
			assertThat(wrong.get("/api/v1/ops/tenants").status()).isEqualTo(401);
		}
		Response throttled = this.api.from(address).asOperator(OPERATOR, OPERATOR_PASSWORD).get("/api/v1/ops/tenants");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.problemType()).isEqualTo(RATE_LIMITED);
		assertThat(throttled.header("Retry-After")).isEqualTo("60");
		assertThat(this.api.asOperator(OPERATOR, OPERATOR_PASSWORD).get("/api/v1/ops/tenants").status()).isEqualTo(200);
	}

	@Test
	void operatorLoginsStayThrottledPerInstanceWhileRedisIsUnreachable() throws Exception {
		ApiClient wrong = this.api.from(randomLoopbackAddress()).asOperator(OPERATOR, "wrong-password");
		TestServers.stopRedis();
		try {
			for (int i = 0; i < 10; i++) {
				assertThat(wrong.get("/api/v1/ops/tenants").status()).isEqualTo(401);
			}
			assertThat(wrong.get("/api/v1/ops/tenants").status()).isEqualTo(429);
		}
		finally {
			TestServers.startRedis();
		}
	}

	private static InetAddress randomLoopbackAddress() throws Exception {
		return InetAddress.getByAddress(new byte[] { 127, 0, (byte) ThreadLocalRandom.current().nextInt(1, 250),
				(byte) ThreadLocalRandom.current().nextInt(2, 250) });
	}

	private TestTenant tenantWithEventType() {
		TestTenant tenant = newTenant();
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"order.placed\"}").status()).isEqualTo(201);
		return tenant;
	}

	private static String event() {
		return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
				+ "\",\"source\":\"/shop\",\"type\":\"order.placed\",\"data\":{}}";
	}

}
