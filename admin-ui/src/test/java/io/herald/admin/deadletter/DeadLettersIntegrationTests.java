package io.herald.admin.deadletter;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
	void aGroupReDrivesOnlyTheLettersOfExactlyItsReasonNotThoseOfAReasonContainingIt() throws Exception {
		CreatedTenant tenant = newTenant("Exact Reason Co");
		String reason = "Schema rejected " + UUID.randomUUID();
		String longer = reason + " at data.total";
		String first = unique("evt");
		String second = unique("evt");
		String third = unique("evt");
		deadLetter(tenant.tenant().getId(), first, reason);
		deadLetter(tenant.tenant().getId(), second, reason);
		deadLetter(tenant.tenant().getId(), third, longer);
		ConsoleClient operator = operator();

		HttpResponse<String> dryRun = operator.get("/dead-letters/redrive?reason=" + encoded(reason));
		assertThat(would(dryRun)).isEqualTo(2);
		assertThat(dryRun.body()).contains("Reason is exactly");
		PageChecks.assertWellFormedPage(dryRun.body());
		operator.post("/dead-letters/redrive", Map.of("reason", reason));

		assertThat(redriven(first, second)).isEqualTo(2);
		assertThat(redriven(third)).as("the longer reason contains the group's but is another group").isZero();
		assertThat(republished(first, second, third)).containsOnly(entry(first, 1), entry(second, 1));
		assertThat(would(operator.get("/dead-letters/redrive?reason=" + encoded(longer)))).isOne();
		operator.post("/dead-letters/redrive", Map.of("reason", longer));
		assertThat(redriven(third)).isOne();
		assertThat(republished(first, second, third)).containsOnly(entry(first, 1), entry(second, 1), entry(third, 1));
	}

	@Test
	void aSingleReDriveMovesExactlyTheOneLetterAfterItsDryRunAndOnlyOnce() throws Exception {
		CreatedTenant tenant = newTenant("One Letter Co");
		CreatedTenant other = newTenant("Not This Letter Co");
		String reason = "Unknown event type " + UUID.randomUUID();
		String before = unique("evt");
		String chosen = unique("evt");
		String after = unique("evt");
		deadLetter(tenant.tenant().getId(), before, reason);
		RecordMetadata letter = deadLetter(tenant.tenant().getId(), chosen, reason);
		deadLetter(tenant.tenant().getId(), after, reason);
		ConsoleClient operator = operator();
		String address = "partition=" + letter.partition() + "&offset=" + letter.offset();
		assertThat(operator.get("/dead-letters").body())
			.contains("href=\"/dead-letters/letter?" + address.replace("&", "&amp;") + "\"")
			.contains("<label for=\"one-partition\">")
			.contains("<label for=\"one-offset\">");

		HttpResponse<String> dryRun = operator.get("/dead-letters/letter?" + address);

		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(would(dryRun)).isOne();
		assertThat(dryRun.body()).contains(chosen).doesNotContain(before).doesNotContain(after);
		PageChecks.assertWellFormedPage(dryRun.body());
		assertThat(redriven(before, chosen, after)).as("a dry run changes nothing").isZero();

		HttpResponse<String> redrive = operator.post("/dead-letters/letter/redrive",
				Map.of("partition", String.valueOf(letter.partition()), "offset", String.valueOf(letter.offset())));

		assertThat(redrive.statusCode()).isEqualTo(302);
		assertThat(redriven(chosen)).isOne();
		assertThat(redriven(before, after)).isZero();
		assertThat(republished(before, chosen, after)).containsOnly(entry(chosen, 1));
		assertThat(operator.get("/dead-letters").body())
			.contains("Re-drove the letter at partition " + letter.partition() + ", offset " + letter.offset());
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_log WHERE action = 'dead_letters.redriven' AND details LIKE ?")
			.param("%\"offset\":" + letter.offset() + "%")
			.query(Integer.class)
			.single()).isPositive();

		assertThat(would(operator.get("/dead-letters/letter?" + address))).as("each letter goes back once").isZero();
		operator.post("/dead-letters/letter/redrive",
				Map.of("partition", String.valueOf(letter.partition()), "offset", String.valueOf(letter.offset())));
		assertThat(republished(chosen)).containsOnly(entry(chosen, 1));
		assertThat(operator.get("/dead-letters").body()).contains("had been re-driven before and was left alone");

		HttpResponse<String> missing = operator.get("/dead-letters/letter?partition=0&offset=" + Long.MAX_VALUE / 2);
		HttpResponse<String> bad = operator.get("/dead-letters/letter?partition=first&offset=-1");
		HttpResponse<String> huge = operator.get("/dead-letters/letter?partition=0&offset=99999999999999999999");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("There is no dead letter at partition 0");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("Partition and offset: whole numbers from 0");
		assertThat(huge.statusCode()).isEqualTo(400);
		PageChecks.assertWellFormedPage(missing.body());
		PageChecks.assertWellFormedPage(bad.body());

		operator.post("/tenant-switch", Map.of("tenant", other.tenant().getSlug(), "back", "/dead-letters"));
		operator.get("/dead-letters");
		RecordMetadata theirs = deadLetter(tenant.tenant().getId(), unique("evt"), reason);
		HttpResponse<String> crossing = operator.post("/dead-letters/letter/redrive",
				Map.of("partition", String.valueOf(theirs.partition()), "offset", String.valueOf(theirs.offset())));
		assertThat(crossing.statusCode()).as("another tenant's letter is not there").isEqualTo(404);
		assertThat(this.jdbc.sql("SELECT count(*) FROM dead_letter_redrive WHERE dlq_partition = ? AND dlq_offset = ?")
			.param(theirs.partition())
			.param(theirs.offset())
			.query(Integer.class)
			.single()).isZero();
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
			assertThat(member.get("/dead-letters/letter?partition=0&offset=0").statusCode()).isEqualTo(403);
			assertThat(
					member.post("/dead-letters/letter/redrive", Map.of("partition", "0", "offset", "0")).statusCode())
				.isEqualTo(403);
		}
	}

	@Test
	void tenantMembersCannotReDriveARealLetter() throws Exception {
		CreatedTenant tenant = newTenant("Members Cannot Co");
		String reason = "Members cannot " + UUID.randomUUID();
		String eventId = unique("evt");
		RecordMetadata letter = deadLetter(tenant.tenant().getId(), eventId, reason);
		for (Role role : new Role[] { Role.TENANT_ADMIN, Role.TENANT_VIEWER }) {
			ConsoleClient member = signedIn(newUser(tenant, role));
			member.get("/");

			HttpResponse<String> group = member.post("/dead-letters/redrive", Map.of("reason", reason));
			HttpResponse<String> one = member.post("/dead-letters/letter/redrive",
					Map.of("partition", String.valueOf(letter.partition()), "offset", String.valueOf(letter.offset())));

			assertThat(group.statusCode()).isEqualTo(403);
			assertThat(one.statusCode()).isEqualTo(403);
		}
		assertThat(redriven(eventId)).isZero();
		assertThat(republished(eventId)).isEmpty();
	}

	private int redriven(String... eventIds) {
		return this.jdbc.sql("SELECT count(*) FROM dead_letter_redrive WHERE event_id IN (:ids)")
			.param("ids", List.of(eventIds))
			.query(Integer.class)
			.single();
	}

	private static String encoded(String reason) {
		return URLEncoder.encode(reason, StandardCharsets.UTF_8);
	}

	/**
	 * How often each of these events was re-published to the event topic by a re-drive
	 * (keyed by event id, as the test's letters are), read from the topic itself.
	 */
	private Map<String, Integer> republished(String... eventIds) {
		Set<String> wanted = Set.of(eventIds);
		Map<String, Integer> found = new HashMap<>();
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestServers.kafkaBootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.core.topics().events())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (wanted.contains(record.key())
							&& record.headers().lastHeader(DeadLetterConsole.REDRIVEN_FROM) != null) {
						found.merge(record.key(), 1, Integer::sum);
					}
				}
				return partitions.stream().allMatch((p) -> consumer.position(p) >= end.get(p));
			});
		}
		return found;
	}

	private static int would(HttpResponse<String> page) {
		Matcher would = WOULD.matcher(page.body());
		assertThat(would.find()).as("a count in %s", page.body()).isTrue();
		return Integer.parseInt(would.group(1));
	}

	/** What the worker writes when it gives up on an event. */
	private RecordMetadata deadLetter(UUID tenantId, String eventId, String reason) throws Exception {
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
			return producer.send(record).get();
		}
	}

}
