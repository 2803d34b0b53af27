package io.herald.admin.deadletter;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.admin.support.ConsoleClient;
import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.PageChecks;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.testing.TestServers;
import io.herald.core.user.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersIntegrationTests extends ConsoleIntegrationTestSupport {

	private static final Pattern WOULD = Pattern.compile("id=\"would-redrive\">(\\d+)<");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HeraldCoreProperties core;

	@Test
	void operatorSeesLettersGroupedByReasonAndReDrivesAGroupOnceAfterADryRun() throws Exception {
		CreatedTenant tenant = newTenant("Dead Letter Co");
		String reason = "Schema <rejected> " + UUID.randomUUID();
		String other = "Unknown event type " + UUID.randomUUID();
		String first = unique("evt");
		String second = unique("evt");
		deadLetter(tenant.tenant().getId(), first, reason);
		deadLetter(tenant.tenant().getId(), second, reason);
		deadLetter(null, unique("evt"), other);
		ConsoleClient operator = operator();

		HttpResponse<String> list = operator.get("/dead-letters");

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(reason.replace("<", "&lt;").replace(">", "&gt;"))
			.doesNotContain("<rejected>")
			.contains(other)
			.contains(first)
			.contains(tenant.tenant().getSlug());
		PageChecks.assertWellFormedPage(list.body());

		String encoded = URLEncoder.encode(reason, StandardCharsets.UTF_8);
		HttpResponse<String> dryRun = operator.get("/dead-letters/redrive?reason=" + encoded);
		assertThat(would(dryRun)).isEqualTo(2);
		PageChecks.assertWellFormedPage(dryRun.body());
		assertThat(redriven(first, second)).as("a dry run changes nothing").isZero();

		HttpResponse<String> redrive = operator.post("/dead-letters/redrive", Map.of("reason", reason));

		assertThat(redrive.statusCode()).isEqualTo(302);
		assertThat(redriven(first, second)).isEqualTo(2);
		assertThat(operator.get("/dead-letters").body()).contains("Re-drove 2 letter(s)");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_log WHERE action = 'dead_letters.redriven' AND details LIKE ?")
			.param("%" + reason.substring(reason.length() - 36) + "%")
			.query(Integer.class)
			.single()).isOne();
		HttpResponse<String> again = operator.get("/dead-letters/redrive?reason=" + encoded);
		assertThat(would(again)).as("each letter goes back once").isZero();
		operator.post("/dead-letters/redrive", Map.of("reason", reason));
		assertThat(redriven(first, second)).isEqualTo(2);
	}

	@Test
	void deadLettersAreForOperatorsOnly() {
		CreatedTenant tenant = newTenant("No DLQ Co");
		for (Role role : new Role[] { Role.TENANT_ADMIN, Role.TENANT_VIEWER }) {
			ConsoleClient member = signedIn(newUser(tenant, role));
			HttpResponse<String> home = member.get("/");

			assertThat(home.body()).doesNotContain("Dead letters");
			assertThat(member.get("/dead-letters").statusCode()).isEqualTo(403);
			assertThat(member.get("/dead-letters/redrive?reason=x").statusCode()).isEqualTo(403);
			assertThat(member.post("/dead-letters/redrive", Map.of("reason", "x")).statusCode()).isEqualTo(403);
		}
	}

	private int redriven(String... eventIds) {
		return this.jdbc.sql("SELECT count(*) FROM dead_letter_redrive WHERE event_id IN (:ids)")
			.param("ids", List.of(eventIds))
			.query(Integer.class)
			.single();
	}

	private static int would(HttpResponse<String> page) {
		Matcher would = WOULD.matcher(page.body());
		assertThat(would.find()).as("a count in %s", page.body()).isTrue();
		return Integer.parseInt(would.group(1));
	}

	/** What the worker writes when it gives up on an event. */
	private void deadLetter(UUID tenantId, String eventId, String reason) throws Exception {
		String topic = this.core.topics().deadLetter();
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestServers.kafkaBootstrapServers());
		try (Admin admin = Admin.create(config)) {
			for (String name : List.of(topic, this.core.topics().events())) {
				try {
					admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()),
				new StringSerializer(), new ByteArraySerializer())) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, eventId,
					("{\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8));
			record.headers().add("herald-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
			record.headers().add("herald-dlq-event-id", eventId.getBytes(StandardCharsets.UTF_8));
			if (tenantId != null) {
				record.headers().add("herald-dlq-tenant", tenantId.toString().getBytes(StandardCharsets.UTF_8));
			}
			producer.send(record).get();
		}
	}

}
