package io.herald.admin.home;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.herald.admin.support.ConsoleIntegrationTestSupport;
import io.herald.admin.support.DeliveryFixtures;
import io.herald.admin.support.PageChecks;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.testing.TestServers;
import io.herald.core.user.Role;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardIntegrationTests extends ConsoleIntegrationTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void tenantSeesTheirLast24HoursWithFailureCountsLinkingToTheExplorerAndTheFailingSubscription() {
		CreatedTenant tenant = newTenant("Dash Co");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "OrderPlaced");
		Instant now = Instant.now();
		fixtures.notification("e1", "SENT", "alice", now.minus(1, ChronoUnit.HOURS));
		fixtures.notification("e2", "DEAD", "bob", now.minus(2, ChronoUnit.HOURS));
		fixtures.notification("e3", "DEAD", "carol", now);
		fixtures.notification("e4", "FAILED", "dave", now);
		fixtures.notification("old", "DEAD", "erin", now.minus(30, ChronoUnit.HOURS));
		CreatedTenant other = newTenant("Other Dash");
		new DeliveryFixtures(this.jdbc, other.tenant().getId(), "SecretThingHappened").notification("x1", "DEAD", "zed",
				now);

		HttpResponse<String> page = signedIn(newUser(tenant, Role.TENANT_VIEWER)).get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		String body = page.body();
		assertThat(body).contains("<span class=\"number\">4</span> events received")
			.contains("<span class=\"number\">2</span>\n\t\t\t<a href=\"/notifications?status=DEAD&amp;from=")
			.contains("<span class=\"number\">1</span>\n\t\t\t<a href=\"/notifications?status=FAILED&amp;from=")
			.contains("OrderPlaced")
			.contains("/notifications?subscription=" + fixtures.subscriptionId())
			.contains("data-chart=\"{")
			.doesNotContain("SecretThingHappened");
		PageChecks.assertWellFormedPage(body);
	}

	@Test
	void operatorSeesAllTenantsByDefaultWithTheTenantOfEachFailingSubscription() {
		CreatedTenant tenant = newTenant("Ops Dash");
		DeliveryFixtures fixtures = new DeliveryFixtures(this.jdbc, tenant.tenant().getId(), "InvoiceOverdue");
		// the dashboard lists the five subscriptions with the most failures across all
		// tenants: fail more than any other test's subscription does
		for (int i = 0; i < 60; i++) {
			fixtures.notification("o" + i, "DEAD", "amy", Instant.now());
		}

		HttpResponse<String> page = operator().get("/");

		assertThat(page.body()).contains("All tenants, last 24 hours")
			.contains("InvoiceOverdue")
			.contains(tenant.tenant().getSlug());
		PageChecks.assertWellFormedPage(page.body());
	}

	@Test
	void everyoneSeesTheWorkersConsumerLagAndOperatorsTheDeadLetterTopicSize() throws Exception {
		publish("herald.events", 1);
		commitTheEndFor("herald-worker", "herald.events");
		publish("herald.events", 3);
		long deadLettersBefore = number(operator().get("/").body(), "dead-letter-size");
		publish("herald.events.dlq", 2);

		String operatorPage = operator().get("/").body();
		assertThat(number(operatorPage, "consumer-lag")).isEqualTo(3);
		assertThat(number(operatorPage, "dead-letter-size")).isEqualTo(deadLettersBefore + 2);
		assertThat(operatorPage).contains("events waiting for the worker");
		PageChecks.assertWellFormedPage(operatorPage);

		CreatedTenant tenant = newTenant("Lag Co");
		String tenantPage = signedIn(newUser(tenant, Role.TENANT_VIEWER)).get("/").body();
		assertThat(number(tenantPage, "consumer-lag")).isEqualTo(3);
		assertThat(tenantPage).doesNotContain("id=\"dead-letter-size\"");
	}

	private static long number(String page, String id) {
		Matcher matcher = Pattern.compile("id=\"" + id + "\"[^>]*>\\s*<span class=\"number\">(\\d+)</span>")
			.matcher(page);
		assertThat(matcher.find()).as("#%s with a number", id).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private static void publish(String topic, int records) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()),
				new StringSerializer(), new StringSerializer())) {
			for (int i = 0; i < records; i++) {
				producer.send(new ProducerRecord<>(topic, "k" + i, "{}")).get();
			}
		}
	}

	/**
	 * The group has consumed everything there is now, as a worker that caught up would.
	 */
	private static void commitTheEndFor(String group, String topic) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			consumer.commitSync(end.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> new OffsetAndMetadata(entry.getValue()))));
		}
	}

}
