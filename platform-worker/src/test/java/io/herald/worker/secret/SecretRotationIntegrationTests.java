package io.herald.worker.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.herald.core.audit.Actor;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.secret.SecretDecryptionException;
import io.herald.core.secret.SecretKeyring;
import io.herald.core.secret.SecretRotation;
import io.herald.core.secret.SecretRotation.Batch;
import io.herald.core.secret.SecretRotation.Claim;
import io.herald.core.secret.SecretRotation.RotationStatus;
import io.herald.core.secret.SecretRotation.RotationView;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Key rotation against real PostgreSQL: secrets written under key {@code a} (and in the
 * first format), a worker whose keyring holds {@code a} and {@code b} with {@code b}
 * active. Runners are started and stopped by the test.
 */
@SpringBootTest(classes = SecretRotationTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.secret-rotation.enabled=false",
				"herald.crypto.keys.a=" + SecretRotationIntegrationTests.KEY_A,
				"herald.crypto.keys.b=" + SecretRotationIntegrationTests.KEY_B, "herald.crypto.active-key=b" })
class SecretRotationIntegrationTests {

	static final String KEY_A = "a2V5LWEtMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODk=";

	static final String KEY_B = "a2V5LWItMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODk=";

	private static final Duration WAIT = Duration.ofSeconds(60);

	/** What the apps wrote before {@code b} became active. */
	private final SecretCipher underA = new SecretCipher(SecretKeyring.of(null, Map.of("a", KEY_A), null));

	@Autowired
	SecretCipher cipher;

	@Autowired
	SecretRotation rotation;

	@Autowired
	TenantManagement tenants;

	@Autowired
	EventTypeRepository eventTypes;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Clock clock;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, TestServers.DatabaseLogin.WORKER);
	}

	@Test
	void everySecretUnderTheOldKeyEndsUnderTheActiveKeyAndAMovedOneStaysRefused() throws Exception {
		UUID one = tenant();
		UUID two = tenant();
		Map<UUID, String> signing = new LinkedHashMap<>();
		for (int i = 0; i < 120; i++) {
			UUID tenant = (i % 2 == 0) ? one : two;
			String secret = "whsec_" + i;
			signing.put(subscription(tenant, this.underA.encrypt(secret, SecretContext.webhookSigningSecret(tenant))),
					secret);
		}
		UUID firstFormat = subscription(two, v1(KEY_A, "whsec_v1"));
		signing.put(firstFormat, "whsec_v1");
		settings(one, "EMAIL", this.underA.encrypt("{\"password\":\"one-email\"}", context(one, "EMAIL")));
		String onePush = this.underA.encrypt("{\"serviceAccount\":\"one-push\"}", context(one, "PUSH"));
		settings(one, "PUSH", onePush);
		settings(two, "EMAIL", this.underA.encrypt("{\"password\":\"two-email\"}", context(two, "EMAIL")));
		// tenant one's push credentials copied into tenant two's row
		settings(two, "PUSH", onePush);
		double before = reencryptedCount();

		SecretRotationRunner runner = runner(25);
		try {
			await().atMost(WAIT).until(() -> {
				RotationStatus now = this.rotation.status();
				return now.remaining() == 1 && now.rotations().get(0).status().equals("DONE");
			});
		}
		finally {
			runner.stop();
		}

		RotationStatus status = this.rotation.status();
		assertThat(status.activeKeyId()).isEqualTo("b");
		assertThat(status.keyIds()).containsExactly("a", "b", "default");
		assertThat(status.remaining()).isEqualTo(1);
		assertThat(status.secretsByKey()).containsEntry("a", 1L).doesNotContainKey("v1");
		RotationView b = status.rotations().get(0);
		assertThat(b.keyId()).isEqualTo("b");
		assertThat(b.failed()).isEqualTo(1);
		assertThat(reencryptedCount() - before).isEqualTo(124);

		signing.forEach((id, secret) -> {
			String stored = this.jdbc.sql("SELECT signing_secret FROM subscription WHERE id = :id")
				.param("id", id)
				.query(String.class)
				.single();
			UUID tenant = this.jdbc.sql("SELECT tenant_id FROM subscription WHERE id = :id")
				.param("id", id)
				.query(UUID.class)
				.single();
			assertThat(stored).startsWith("v2:b:");
			assertThat(this.cipher.decrypt(stored, SecretContext.webhookSigningSecret(tenant))).isEqualTo(secret);
		});
		assertThat(this.cipher.decrypt(settings(one, "EMAIL"), context(one, "EMAIL"))).contains("one-email");
		assertThat(this.cipher.decrypt(settings(one, "PUSH"), context(one, "PUSH"))).contains("one-push");
		assertThat(this.cipher.decrypt(settings(two, "EMAIL"), context(two, "EMAIL"))).contains("two-email");
		assertThat(settings(one, "EMAIL")).startsWith("v2:b:");
		// the moved row is left as it was, and still opens for nobody but its owner
		assertThat(settings(two, "PUSH")).isEqualTo(onePush);
		assertThatThrownBy(() -> this.cipher.decrypt(settings(two, "PUSH"), context(two, "PUSH")))
			.isInstanceOf(SecretDecryptionException.class)
			.satisfies((ex) -> assertThat(((SecretDecryptionException) ex).unknownKey()).isFalse());
		assertThat(this.cipher.decrypt(onePush, context(one, "PUSH"))).contains("one-push");
		assertThat(this.rotation.claim(Duration.ofSeconds(5))).isInstanceOf(Claim.Idle.class);
	}

	@Test
	void aPassLeftByACrashedWorkerIsResumedByAnotherWithEverySecretRewrittenOnce() {
		UUID tenant = tenant();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(subscription(tenant,
					this.underA.encrypt("whsec_r" + i, SecretContext.webhookSigningSecret(tenant))));
		}
		Claim first = this.rotation.claim(Duration.ofSeconds(3));
		assertThat(first).isInstanceOf(Claim.Leased.class);
		long reencryptedBefore = latest().reencrypted();
		Claim.Leased crashed = (Claim.Leased) first;
		int byFirst = 0;
		while (byFirst < 10) {
			Batch batch = this.rotation.next(crashed.lease(), 10, Duration.ofSeconds(3));
			assertThat(batch.done()).isFalse();
			byFirst += batch.reencrypted();
		}
		// the first worker dies here: no release, its lease runs out
		assertThat(this.rotation.claim(Duration.ofSeconds(3))).isInstanceOf(Claim.Busy.class);
		Claim.Leased second = (Claim.Leased) await().atMost(WAIT)
			.until(() -> this.rotation.claim(Duration.ofSeconds(30)), (claim) -> claim instanceof Claim.Leased);
		assertThat(byFirst).isEqualTo(10);
		assertThat(notUnderB(tenant)).isEqualTo(20);
		assertThat(this.rotation.next(crashed.lease(), 10, Duration.ofSeconds(3)).lost()).isTrue();
		int bySecond = 0;
		Batch batch;
		do {
			batch = this.rotation.next(second.lease(), 7, Duration.ofSeconds(30));
			bySecond += batch.reencrypted();
		}
		while (!batch.done());

		assertThat(bySecond).isEqualTo(20);
		assertThat(latest().reencrypted() - reencryptedBefore).isEqualTo(30);
		assertThat(notUnderB(tenant)).isZero();
		for (int i = 0; i < ids.size(); i++) {
			String stored = this.jdbc.sql("SELECT signing_secret FROM subscription WHERE id = :id")
				.param("id", ids.get(i))
				.query(String.class)
				.single();
			assertThat(stored).startsWith("v2:b:");
			assertThat(this.cipher.decrypt(stored, SecretContext.webhookSigningSecret(tenant)))
				.isEqualTo("whsec_r" + i);
		}
	}

	private long notUnderB(UUID tenant) {
		return this.jdbc
			.sql("SELECT count(*) FROM subscription WHERE tenant_id = :tenant AND signing_secret NOT LIKE 'v2:b:%'")
			.param("tenant", tenant)
			.query(Long.class)
			.single();
	}

	private RotationView latest() {
		return this.rotation.status().rotations().get(0);
	}

	private SecretRotationRunner runner(int batchSize) {
		SecretRotationRunner runner = new SecretRotationRunner(
				new SecretRotationProperties(true, batchSize, Duration.ofMillis(100), Duration.ofSeconds(10)),
				this.rotation, this.meters);
		runner.start();
		return runner;
	}

	private double reencryptedCount() {
		return this.meters.counter("herald.secrets.reencrypted").count();
	}

	private UUID tenant() {
		String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
		return this.tenants.create(slug, slug, Actor.SYSTEM).tenant().getId();
	}

	private UUID subscription(UUID tenant, String encryptedSecret) {
		EventType type = this.eventTypes.save(new EventType(tenant,
				"Type" + UUID.randomUUID().toString().substring(0, 8), null, null, null, this.clock.instant()));
		UUID id = UUID.randomUUID();
		this.jdbc
			.sql("""
					INSERT INTO subscription (id, tenant_id, event_type_id, template_name, channel, endpoint,
					    signing_secret, created_at, updated_at)
					VALUES (:id, :tenant, :type, 'welcome', 'WEBHOOK', 'https://example.com/hook', :secret, now(), now())""")
			.param("id", id)
			.param("tenant", tenant)
			.param("type", type.getId())
			.param("secret", encryptedSecret)
			.update();
		return id;
	}

	private void settings(UUID tenant, String channel, String encrypted) {
		this.jdbc.sql("""
				INSERT INTO channel_settings (tenant_id, channel, provider, settings, updated_at)
				VALUES (:tenant, :channel, 'SMTP', :settings, now())""")
			.param("tenant", tenant)
			.param("channel", channel)
			.param("settings", encrypted)
			.update();
	}

	private String settings(UUID tenant, String channel) {
		return this.jdbc.sql("SELECT settings FROM channel_settings WHERE tenant_id = :tenant AND channel = :channel")
			.param("tenant", tenant)
			.param("channel", channel)
			.query(String.class)
			.single();
	}

	private static SecretContext context(UUID tenant, String channel) {
		return SecretContext.channelSettings(tenant, channel);
	}

	/** The stored form earlier versions wrote: no key id, no associated data. */
	private static String v1(String base64Key, String plaintext) throws Exception {
		byte[] iv = new byte[12];
		iv[0] = 9;
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
				new GCMParameterSpec(128, iv));
		byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
		return "v1:" + Base64.getEncoder()
			.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
	}

}
