package io.herald.local.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.core.testing.Chromium;
import io.herald.core.testing.ConsoleBrowser;
import io.herald.local.HeraldLocal;
import io.herald.local.LocalSettings;
import io.herald.local.RunningHerald;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, point 13: the console against the whole local stack (API, worker and console
 * on embedded PostgreSQL, Redis and Kafka), in a real headless Chromium. An operator
 * creates a tenant and its admin; the admin sets up an event type, a webhook template
 * (its live preview rendering the sample) and a subscription through the forms; an event
 * published over the API is found {@code SENT} in the explorer; a receiver that fails
 * makes the next one {@code DEAD}; the admin replays it from the console, watches the
 * progress bar to its end and finds it {@code SENT}. An e-mail subscription added over
 * the API fills the sandbox inbox. A fact a trusted producer wrote straight to Kafka
 * before its type existed is dead-lettered by the worker; the operator sees it on the
 * dashboard and in Dead letters, dry-runs and re-drives exactly that letter, and the
 * webhook receives it. Nothing here is a fixture: the worker consumed, rendered and
 * delivered every notification. Each page is also checked at phone width and, with
 * {@code -Dherald.screenshots}, saved for the docs.
 */
class WholeStackConsoleBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(120);

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicInteger accepted = new AtomicInteger();

	private HttpServer receiver;

	private ChromeDriver driver;

	@BeforeEach
	void startReceiverAndBrowser() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.receiver.createContext("/hook", this::receive);
		this.receiver.start();
		this.driver = Chromium.start();
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		this.receiver.stop(0);
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			if (this.failing.get()) {
				exchange.sendResponseHeaders(503, -1);
				return;
			}
			this.accepted.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
		}
	}

	@Test
	void aTenantAdminSetsUpAWebhookSeesItSentThenReplaysADeadOneFromTheConsole() throws Exception {
		// one retry 200 ms after the first attempt, then DEAD: a failing receiver ends a
		// notification in well under a second
		System.setProperty("herald.delivery.retry-schedule", "200ms");
		LocalSettings settings = LocalSettings.defaults().withDataDir(this.dataDir).withFreePorts();
		try (RunningHerald herald = HeraldLocal.start(settings)) {
			ConsoleBrowser person = new ConsoleBrowser(this.driver, herald.consoleUrl());
			String hook = "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook";

			person.signIn(settings.operatorUsername(), herald.operatorPassword());
			person.click("Tenants");
			person.click("Create a tenant");
			person.fill("slug", "shop");
			person.fill("name", "Shop");
			person.click("Create tenant");
			String apiKey = person.waitFor(By.id("new-api-key")).getText();
			// a trusted producer writes a fact straight to Kafka before the tenant has
			// registered its type: the worker dead-letters it
			publishStraightToKafka(herald, tenantId(herald, settings, "shop"), "evt-early");
			awaitPageText(person, "/dead-letters", "evt-early", "/");
			person.click("Users");
			person.click("Create a user");
			person.fill("username", "admin@shop.example");
			new Select(this.driver.findElement(By.id("tenant"))).selectByValue("shop");
			person.click("Create user");
			String password = person.waitFor(By.id("new-password")).getText();
			person.signOut();

			person.signIn("admin@shop.example", password);
			assertThat(person.h1()).as("a one-time password must be changed first").isEqualTo("Change your password");
			person.fill("currentPassword", password);
			person.fill("newPassword", "shop admin's own password");
			person.fill("confirmation", "shop admin's own password");
			person.click("Save new password");
			new WebDriverWait(this.driver, WAIT).until(ExpectedConditions.textToBe(By.tagName("h1"), "Dashboard"));
			person.click("Event types");
			person.click("Create an event type");
			person.fill("name", "OrderPlaced");
			person.fill("sample", "{\"order\": {\"number\": \"A-1\"}}");
			person.click("Create event type");
			assertThat(person.h1()).isEqualTo("OrderPlaced");
			person.click("Templates");
			person.click("Create a template");
			person.awaitScripts();
			person.fill("name", "order-hook");
			new Select(this.driver.findElement(By.id("channel"))).selectByValue("WEBHOOK");
			person.fill("locale", "en");
			new Select(this.driver.findElement(By.id("sample"))).selectByValue("OrderPlaced");
			person.fill("subject", "Order {{ data.order.number }}");
			person.fill("body", "Thanks for order {{ data.order.number }}");
			awaitText(By.id("preview"), "Thanks for order A-1");
			person.click("Create template");
			person.waitFor(By.linkText("Versions and diffs"));
			person.click("Subscriptions");
			person.click("Create a subscription");
			new Select(this.driver.findElement(By.id("eventType"))).selectByValue("OrderPlaced");
			new Select(this.driver.findElement(By.id("channel"))).selectByValue("WEBHOOK");
			new Select(this.driver.findElement(By.id("template"))).selectByValue("order-hook");
			person.fill("endpoint", hook);
			person.click("Create subscription");
			person.waitFor(By.id("signing-secret"));
			// the tenant's own service adds an e-mail over the API, before the first
			// event
			// (a worker takes a new subscription into account within seconds, not at
			// once);
			// the tenant has no e-mail provider, so local mode puts each rendered message
			// into the sandbox inbox
			assertThat(post(herald.apiUrl() + "/api/v1/templates", apiKey, "application/json",
					"{\"name\":\"order-mail\",\"channel\":\"EMAIL\",\"subject\":\"Order {{ data.order.number }} confirmed\","
							+ "\"body\":\"<h2>Thank you</h2><p>Order {{ data.order.number }} is on its way.</p>\"}")
				.statusCode()).isEqualTo(201);
			assertThat(post(herald.apiUrl() + "/api/v1/subscriptions", apiKey, "application/json",
					"{\"eventType\":\"OrderPlaced\",\"template\":\"order-mail\",\"channel\":\"EMAIL\","
							+ "\"recipient\":\"/order/email\",\"enabled\":true}")
				.statusCode()).isEqualTo(201);

			publish(herald, apiKey, "evt-sent");
			awaitWebhookStatus(person, "evt-sent", "SENT");
			assertThat(this.accepted).hasValue(1);

			this.failing.set(true);
			publish(herald, apiKey, "evt-dead");
			awaitWebhookStatus(person, "evt-dead", "DEAD");
			this.failing.set(false);

			person.click("Replays");
			this.driver.findElement(By.id("replay-status-dead")).click();
			person.click("Dry run");
			assertThat(person.waitFor(By.id("matched")).getText()).contains("1");
			person.click("Start the replay");
			By progress = By.id("replay-progress");
			person.waitFor(progress);
			waitUp().until((driver) -> driver.findElement(progress).getText().contains("Finished")
					&& driver.findElement(progress).getAttribute("hx-trigger") == null);
			assertThat(this.driver.findElement(By.cssSelector("#replay-progress progress")).getAttribute("value"))
				.isEqualTo("100");
			person.screenshot("replay-progress");
			awaitWebhookStatus(person, "evt-dead", "SENT");
			assertThat(this.accepted).hasValue(2);
			this.driver.findElement(By.cssSelector("tbody tr a")).click();
			assertThat(person.waitFor(By.tagName("main")).getText()).as("both attempt series on the timeline")
				.contains("503")
				.contains("SENT");
			person.screenshot("notification-replayed");

			// the e-mails went to the sandbox inbox, drawn in a frame without script
			awaitPageText(person, "/sandbox", "Order A-1 confirmed", "/notifications?eventId=evt-sent");
			WebElement mail = this.driver.findElement(By.cssSelector("iframe.mail-frame"));
			assertThat(mail.getAttribute("sandbox")).isEmpty();
			this.driver.switchTo().frame(mail);
			assertThat(person.waitFor(By.tagName("p")).getText()).isEqualTo("Order A-1 is on its way.");
			this.driver.switchTo().defaultContent();

			// every other page of the tenant admin, with this journey's data in it
			for (String section : List.of("Subscriptions", "Recipients", "API keys", "Audit log", "Sandbox")) {
				person.click(section);
				assertThat(person.h1()).isEqualTo(section);
				person.screenshot(section.toLowerCase(Locale.ROOT).replace(' ', '-'));
				person.assertFitsOnAPhone();
			}
			person.signOut();

			// the operator finds the early fact on the dead-letter topic and, now that
			// the
			// tenant has the type and a subscription, re-drives exactly that letter
			person.signIn(settings.operatorUsername(), herald.operatorPassword());
			assertThat(person.h1()).isEqualTo("Dashboard");
			assertThat(this.driver.findElement(By.id("consumer-lag")).getText())
				.matches("(?s)\\d+\\s+events waiting for the worker \\(consumer lag, all tenants\\)");
			String deadLetterSize = this.driver.findElement(By.id("dead-letter-size")).getText();
			assertThat(deadLetterSize).matches("(?s)\\d+\\s+records in the dead-letter topic");
			assertThat(Long.parseLong(deadLetterSize.replaceAll("(?s)\\s.*", ""))).isPositive();
			person.screenshot("dashboard-pipeline");
			person.assertFitsOnAPhone();
			person.click("records in the dead-letter topic");
			assertThat(person.h1()).isEqualTo("Dead letters");
			assertThat(this.driver.findElement(By.tagName("main")).getText())
				.contains("unknown event type 'OrderPlaced'")
				.contains("evt-early");
			person.screenshot("dead-letters");
			person.assertFitsOnAPhone();
			person.click("Re-drive this one");
			assertThat(person.h1()).isEqualTo("Re-drive one dead letter");
			assertThat(this.driver.findElement(By.id("would-redrive")).getText()).isEqualTo("1");
			assertThat(this.driver.findElement(By.cssSelector("dl[aria-label='The letter']")).getText())
				.contains("shop")
				.contains("evt-early")
				.contains("unknown event type 'OrderPlaced'");
			person.screenshot("dead-letter-one");
			person.assertFitsOnAPhone();
			person.click("Re-drive this letter");
			assertThat(person.h1()).isEqualTo("Dead letters");
			assertThat(this.driver.findElement(By.tagName("main")).getText())
				.contains("Re-drove the letter at partition");
			awaitWebhookStatus(person, "evt-early", "SENT");
			assertThat(this.accepted).hasValue(3);
			person.click("Tenants");
			person.click("shop");
			assertThat(person.h1()).isEqualTo("Shop");
			person.screenshot("tenant");
		}
		finally {
			System.clearProperty("herald.delivery.retry-schedule");
		}
	}

	/**
	 * A wait that reads the page afresh on every poll: htmx swaps the preview and the
	 * replay's progress while the test reads them, so an element found a moment ago may
	 * be stale by the time its text is asked for.
	 */
	private WebDriverWait waitUp() {
		WebDriverWait wait = new WebDriverWait(this.driver, WAIT);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/**
	 * Waits until the element shows the text; says what it showed instead if it never
	 * does.
	 */
	private void awaitText(By locator, String text) {
		try {
			waitUp().until((driver) -> driver.findElement(locator).getText().contains(text));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Waited for \"" + text + "\" in " + locator + " on " + this.driver.getCurrentUrl()
					+ "; it shows: " + this.driver.findElement(locator).getText(), ex);
		}
	}

	/**
	 * Reloads the page until it shows the text; if it never does, says what it and the
	 * page {@code explaining} showed instead.
	 */
	private void awaitPageText(ConsoleBrowser person, String path, String text, String explaining) {
		try {
			waitUp().pollingEvery(Duration.ofMillis(500)).until((driver) -> {
				person.open(path);
				return driver.findElement(By.tagName("main")).getText().contains(text);
			});
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			String shown = this.driver.findElement(By.tagName("main")).getText();
			person.open(explaining);
			throw new AssertionError("Waited for \"" + text + "\" on " + path + "; it shows: " + shown + "\n"
					+ explaining + " shows: " + this.driver.findElement(By.tagName("main")).getText(), ex);
		}
	}

	/**
	 * Reloads the explorer filtered to the event's webhook notification until it shows
	 * the status.
	 */
	private void awaitWebhookStatus(ConsoleBrowser person, String eventId, String status) {
		waitUp().pollingEvery(Duration.ofMillis(500)).until((driver) -> {
			person.open("/notifications?channel=WEBHOOK&eventId=" + eventId);
			return driver.findElements(By.cssSelector("tbody tr .status"))
				.stream()
				.anyMatch((cell) -> cell.getText().equals(status));
		});
	}

	private static String event(String eventId) {
		return event(eventId, "{\"order\":{\"number\":\"A-1\",\"email\":\"ada@shop.example\"}}");
	}

	private static String event(String eventId, String data) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/shop\",\"type\":\"OrderPlaced\","
				+ "\"subject\":\"customer-1\",\"data\":" + data + "}";
	}

	/** As a trusted service inside the platform would: no API, no check of the type. */
	private static void publishStraightToKafka(RunningHerald herald, String tenantId, String eventId) throws Exception {
		String structured = event(eventId).replace("\"data\":", "\"tenantid\":\"" + tenantId + "\",\"data\":");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, herald.kafkaBootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("herald.events", tenantId + "/customer-1",
					structured);
			record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
	}

	private String tenantId(RunningHerald herald, LocalSettings settings, String slug) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString(
					(settings.operatorUsername() + ":" + herald.operatorPassword()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> tenant = this.http
			.send(HttpRequest.newBuilder(URI.create(herald.apiUrl() + "/api/v1/ops/tenants/" + slug))
				.header("Authorization", "Basic " + basic)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(tenant.body()).get("id").asString();
	}

	private void publish(RunningHerald herald, String apiKey, String eventId) throws Exception {
		send(herald, apiKey, event(eventId));
	}

	private void send(RunningHerald herald, String apiKey, String event) throws Exception {
		HttpResponse<String> accepted = post(herald.apiUrl() + "/api/v1/events", apiKey, "application/cloudevents+json",
				event);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
	}

	private HttpResponse<String> post(String url, String apiKey, String contentType, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
