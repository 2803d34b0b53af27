package io.herald.local;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.herald.core.tenant.RowSecurity;
import io.herald.core.tenant.TenantManagement;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the whole local stack twice on one data directory, as a user would with
 * {@code java -jar herald-local.jar}, Ctrl-C and again.
 */
class LocalModeIntegrationTests {

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void stackStartsReadyAndKeepsItsDataAcrossARestart() throws Exception {
		LocalSettings settings = LocalSettings.defaults().withDataDir(this.dataDir).withFreePorts();
		String demoKey;
		String operatorPassword;

		try (RunningHerald herald = HeraldLocal.start(settings)) {
			assertThat(get(herald.apiUrl() + "/actuator/health", null).body()).contains("\"status\":\"UP\"");
			demoKey = herald.demoApiKey();
			operatorPassword = herald.operatorPassword();
			assertThat(herald.summary()).contains(demoKey, herald.consoleUrl(), operatorPassword,
					this.dataDir.toString());
			assertThat(
					RowSecurity.acrossTenants("test: the demo tenant exists", () -> tenants(herald).findBySlug("demo")))
				.isPresent();
			assertThat(get(herald.apiUrl() + "/api/v1/subscriptions", demoKey).statusCode()).isEqualTo(200);
			assertThat(get(herald.apiUrl() + "/api/v1/subscriptions", "hrld_wrong_key").statusCode()).isEqualTo(401);
			assertThat(consoleTenantsPage(herald)).contains("<code>demo</code>");
			// a commit waits for its WAL on disk, as on deploy/'s server (decision 0113)
			JdbcTemplate postgres = new JdbcTemplate(herald.apiContext().getBean(DataSource.class));
			assertThat(postgres.queryForObject(
					"SELECT current_setting('synchronous_commit') || ' ' || current_setting('fsync')", String.class))
				.isEqualTo("on on");
			try (Jedis redis = new Jedis("127.0.0.1", settings.redisPort()); Admin kafka = kafkaAdmin(herald)) {
				redis.set("local-mode-test", "kept");
				// persisted by the append-only file alone (decision 0110)
				assertThat(redis.configGet("appendonly")).containsEntry("appendonly", "yes");
				assertThat(redis.configGet("save")).containsEntry("save", "");
				kafka.createTopics(List.of(new NewTopic("local-mode-test", 1, (short) 1))).all().get();
			}
		}

		try (RunningHerald again = HeraldLocal.start(settings)) {
			assertThat(again.demoApiKey()).isEqualTo(demoKey);
			assertThat(again.operatorPassword()).isEqualTo(operatorPassword);
			assertThat(RowSecurity.acrossTenants("test: one demo tenant", () -> tenants(again).list()))
				.filteredOn((tenant) -> tenant.getSlug().equals("demo"))
				.hasSize(1);
			assertThat(get(again.apiUrl() + "/api/v1/subscriptions", demoKey).statusCode()).isEqualTo(200);
			try (Jedis redis = new Jedis("127.0.0.1", settings.redisPort()); Admin kafka = kafkaAdmin(again)) {
				assertThat(redis.get("local-mode-test")).isEqualTo("kept");
				assertThat(kafka.listTopics().names().get()).contains("local-mode-test", "herald.events",
						"herald.events.dlq");
			}
		}
	}

	/**
	 * Signs in to the console with the printed operator login and opens the tenant list.
	 */
	private static String consoleTenantsPage(RunningHerald herald) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String loginPage = browser
			.send(HttpRequest.newBuilder(URI.create(herald.consoleUrl() + "/login")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(csrf.find()).isTrue();
		String form = "username=" + encode(herald.operatorUsername()) + "&password=" + encode(herald.operatorPassword())
				+ "&_csrf=" + encode(csrf.group(1));
		browser.send(HttpRequest.newBuilder(URI.create(herald.consoleUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		HttpResponse<String> tenants = browser.send(
				HttpRequest.newBuilder(URI.create(herald.consoleUrl() + "/tenants")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(tenants.statusCode()).isEqualTo(200);
		return tenants.body();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Admin kafkaAdmin(RunningHerald herald) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, herald.kafkaBootstrapServers()));
	}

	private static TenantManagement tenants(RunningHerald herald) {
		return herald.apiContext().getBean(TenantManagement.class);
	}

	private HttpResponse<String> get(String url, String apiKey) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		if (apiKey != null) {
			request.header("Authorization", "Bearer " + apiKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
