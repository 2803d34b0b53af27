package io.herald.worker.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.core.audit.AuditEntryRepository;
import io.herald.core.channel.Channel;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.subscription.Subscription;
import io.herald.core.template.Template;
import io.herald.core.tenant.Tenant;
import io.herald.worker.IngestIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From a CloudEvent on the topic to outbox rows: matching, filters, recipients, opt-outs,
 * rendering and locale fallback.
 */
class FanOutIntegrationTests extends IngestIntegrationTestSupport {

	@Autowired
	AuditEntryRepository audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	void eventBecomesOneRenderedPendingNotificationPerMatchingSubscription() {
		Tenant tenant = newTenant();
		EventType registered = eventType(tenant, "UserRegistered", null);
		EventType other = eventType(tenant, "OrderPlaced", null);
		template(tenant, "welcome-hook", Channel.WEBHOOK, "en", 1, "Old {{ data.user.name }}", "Old");
		Template hookV2 = template(tenant, "welcome-hook", Channel.WEBHOOK, "en", 2, "Welcome {{ data.user.name }}",
				"Hello {{ data.user.name }}");
		template(tenant, "welcome-mail", Channel.EMAIL, "en", 1, "Welcome {{ data.user.name }}",
				"<p>Hello {{ data.user.name }}, {{ recipient.email }}</p>");
		recipient(tenant, "user-1", "ada@example.com", null, null, null, null);
		Subscription hook = webhook(tenant, registered, "welcome-hook");
		Subscription mail = subscription(tenant, registered, "welcome-mail", Channel.EMAIL, null, null, null);
		webhook(tenant, other, "welcome-hook");
		Subscription disabled = webhook(tenant, registered, "welcome-hook");
		disabled.update("welcome-hook", disabled.getEndpoint(), null, null, false, this.clock.instant());
		this.subscriptions.save(disabled);
		double pendingEmails = count("herald.notifications.created", "status", "PENDING", "channel", "EMAIL");

		String eventId = publish(tenant, "UserRegistered", "user-1", "{\"user\":{\"name\":\"Ada <b>\"}}");

		Map<UUID, Notification> bySubscription = awaitFanOut(tenant, eventId).stream()
			.collect(Collectors.toMap(Notification::getSubscriptionId, Function.identity()));
		assertThat(bySubscription).containsOnlyKeys(hook.getId(), mail.getId());
		Notification webhook = bySubscription.get(hook.getId());
		assertThat(webhook.getStatus()).isEqualTo(NotificationStatus.PENDING);
		assertThat(webhook.getNextAttemptAt()).isNotNull();
		assertThat(webhook.getRecipient()).isEqualTo(hook.getEndpoint());
		assertThat(webhook.getAddress()).isEqualTo(hook.getEndpoint());
		assertThat(webhook.getTemplateId()).isEqualTo(hookV2.getId());
		assertThat(webhook.getTemplateVersion()).isEqualTo(2);
		assertThat(webhook.getSubject()).isEqualTo("Welcome Ada <b>");
		assertThat(webhook.getBody()).isEqualTo("Hello Ada <b>");
		Notification email = bySubscription.get(mail.getId());
		assertThat(email.getStatus()).isEqualTo(NotificationStatus.PENDING);
		assertThat(email.getRecipient()).isEqualTo("user-1");
		assertThat(email.getAddress()).isEqualTo("ada@example.com");
		assertThat(email.getSubject()).isEqualTo("Welcome Ada <b>");
		assertThat(email.getBody()).isEqualTo("<p>Hello Ada &lt;b&gt;, ada@example.com</p>");
		assertThat(this.audit.findAllByTenantIdAndEntityTypeAndEntityIdOrderByCreatedAtAscIdAsc(tenant.getId(),
				"notification", email.getId().toString()))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.getAction()).isEqualTo("notification.created"));
		assertThat(count("herald.notifications.created", "status", "PENDING", "channel", "EMAIL"))
			.isEqualTo(pendingEmails + 1);
	}

	@Test
	void eventThatFailsTheFilterCreatesNothingAndIsCounted() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "PlanChanged", null);
		template(tenant, "plan", Channel.WEBHOOK, "en", 1, "Plan", "Now {{ data.plan }}");
		Subscription pro = subscription(tenant, type, "plan", Channel.WEBHOOK, "http://127.0.0.1:9/pro", null,
				"data.plan == 'pro' && event.subject != ''");
		double filtered = count("herald.fanout.filtered");

		String free = publish(tenant, "PlanChanged", "user-1", "{\"plan\":\"free\"}");
		String noPlan = publish(tenant, "PlanChanged", "user-1", "{}");
		String upgraded = publish(tenant, "PlanChanged", "user-1", "{\"plan\":\"pro\"}");

		assertThat(awaitFanOut(tenant, free)).isEmpty();
		assertThat(awaitFanOut(tenant, noPlan)).isEmpty();
		assertThat(awaitFanOut(tenant, upgraded)).singleElement()
			.satisfies((n) -> assertThat(n.getSubscriptionId()).isEqualTo(pro.getId()));
		assertThat(count("herald.fanout.filtered")).isEqualTo(filtered + 2);
	}

	@Test
	void disabledSubscriptionStopsMatchingWithinSeconds() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "Pinged", null);
		template(tenant, "ping", Channel.WEBHOOK, "en", 1, "Ping", "Ping");
		Subscription subscription = webhook(tenant, type, "ping");
		assertThat(awaitFanOut(tenant, publish(tenant, "Pinged", "s", "{}"))).hasSize(1);

		Subscription loaded = this.subscriptions.findById(subscription.getId()).orElseThrow();
		loaded.update(loaded.getTemplateName(), loaded.getEndpoint(), null, null, false, this.clock.instant());
		this.subscriptions.save(loaded);

		// the cache TTL is 30 s: only the change check can make this pass in 10 s
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(300))
			.until(() -> awaitFanOut(tenant, publish(tenant, "Pinged", "s", "{}")).isEmpty());
		assertThat(awaitFanOut(tenant, publish(tenant, "Pinged", "s", "{}"))).isEmpty();
	}

	@Test
	void optedOutRecipientGetsSuppressedNotificationWithTheReason() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "OrderShipped", null);
		template(tenant, "shipped", Channel.EMAIL, "en", 1, "Shipped", "Your order shipped");
		subscription(tenant, type, "shipped", Channel.EMAIL, null, null, null);
		recipient(tenant, "no-email", "a@example.com", null, null, "email", null);
		recipient(tenant, "no-shipping", "b@example.com", null, null, null, "OrderShipped");

		Notification byChannel = awaitFanOut(tenant, publish(tenant, "OrderShipped", "no-email", "{}")).getFirst();
		Notification byType = awaitFanOut(tenant, publish(tenant, "OrderShipped", "no-shipping", "{}")).getFirst();

		assertThat(byChannel.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(byChannel.getStatusReason()).isEqualTo("recipient opted out of the EMAIL channel");
		assertThat(byChannel.getNextAttemptAt()).isNull();
		assertThat(byType.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(byType.getStatusReason()).isEqualTo("recipient opted out of OrderShipped events");
	}

	@Test
	void renderErrorFailsThatNotificationWhileTheEventAndOthersAreKept() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "InvoiceDue", null);
		Template broken = template(tenant, "broken", Channel.WEBHOOK, "en", 3, "Due", "{% if %}oops");
		template(tenant, "fine", Channel.WEBHOOK, "en", 1, "Due", "Pay {{ data.amount }}");
		Subscription failing = webhook(tenant, type, "broken");
		Subscription working = webhook(tenant, type, "fine");
		Subscription missing = webhook(tenant, type, "no-such-template");

		String eventId = publish(tenant, "InvoiceDue", "c-1", "{\"amount\":12}");

		Map<UUID, Notification> bySubscription = awaitFanOut(tenant, eventId).stream()
			.collect(Collectors.toMap(Notification::getSubscriptionId, Function.identity()));
		assertThat(bySubscription.get(failing.getId())).satisfies((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.FAILED);
			assertThat(n.getStatusReason()).startsWith("template 'broken' version 3 (en) failed to render: ");
			assertThat(n.getTemplateId()).isEqualTo(broken.getId());
			assertThat(n.getTemplateVersion()).isEqualTo(3);
		});
		assertThat(bySubscription.get(working.getId())).satisfies((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.PENDING);
			assertThat(n.getBody()).isEqualTo("Pay 12");
		});
		assertThat(bySubscription.get(missing.getId())).satisfies((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.FAILED);
			assertThat(n.getStatusReason()).startsWith("no template 'no-such-template'");
		});
	}

	@Test
	void templateLocaleFallsBackFromRecipientToTenantDefaultToEnglish() {
		Tenant tenant = newTenant();
		this.jdbc.sql("update tenant set default_locale = 'es' where id = ?").param(tenant.getId()).update();
		EventType type = eventType(tenant, "Welcomed", null);
		template(tenant, "hello", Channel.EMAIL, "fr", 1, "Bonjour", "fr");
		template(tenant, "hello", Channel.EMAIL, "es", 1, "Hola", "es");
		template(tenant, "hello", Channel.EMAIL, "en", 1, "Hello", "en");
		template(tenant, "english-only", Channel.EMAIL, "en", 1, "Hi", "en");
		subscription(tenant, type, "hello", Channel.EMAIL, null, null, null);
		Subscription englishOnly = subscription(tenant, type, "english-only", Channel.EMAIL, null, null, null);
		recipient(tenant, "quebec", "q@example.com", null, "fr-CA", null, null);
		recipient(tenant, "rome", "r@example.com", null, "it", null, null);

		List<Notification> quebec = awaitFanOut(tenant, publish(tenant, "Welcomed", "quebec", "{}"));
		List<Notification> rome = awaitFanOut(tenant, publish(tenant, "Welcomed", "rome", "{}"));

		assertThat(quebec).extracting(Notification::getSubject).containsExactlyInAnyOrder("Bonjour", "Hi");
		assertThat(rome).extracting(Notification::getSubject).containsExactlyInAnyOrder("Hola", "Hi");
		assertThat(quebec).filteredOn((n) -> n.getSubscriptionId().equals(englishOnly.getId()))
			.extracting(Notification::getBody)
			.containsExactly("en");
	}

	@Test
	void jsonPointerRuleSendsToAddressesFromTheData() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "DeviceLinked", null);
		template(tenant, "linked", Channel.EMAIL, "en", 1, "Linked", "A device was linked");
		template(tenant, "linked", Channel.PUSH, "en", 1, "Linked", "Welcome, new device");
		Subscription mail = subscription(tenant, type, "linked", Channel.EMAIL, null, "/user/email", null);
		Subscription push = subscription(tenant, type, "linked", Channel.PUSH, null, "/device/tokens", null);

		List<Notification> sent = awaitFanOut(tenant, publish(tenant, "DeviceLinked", "nobody",
				"{\"user\":{\"email\":\"ada@example.com\"},\"device\":{\"tokens\":[\"tok-1\",\"tok-2\"]}}"));
		List<Notification> noAddress = awaitFanOut(tenant, publish(tenant, "DeviceLinked", "nobody", "{}"));

		assertThat(sent).filteredOn((n) -> n.getSubscriptionId().equals(mail.getId()))
			.singleElement()
			.satisfies((n) -> {
				assertThat(n.getStatus()).isEqualTo(NotificationStatus.PENDING);
				assertThat(n.getRecipient()).isEqualTo("ada@example.com");
				assertThat(n.getAddress()).isEqualTo("ada@example.com");
			});
		assertThat(sent).filteredOn((n) -> n.getSubscriptionId().equals(push.getId()))
			.extracting(Notification::getAddress)
			.containsExactlyInAnyOrder("tok-1", "tok-2");
		assertThat(noAddress).hasSize(2).allSatisfy((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.FAILED);
			assertThat(n.getStatusReason()).startsWith("the event data has no address at /");
		});
	}

	@Test
	void subjectRuleSendsPushToEveryTokenAndFailsWithoutAProfile() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "MessageReceived", null);
		template(tenant, "message", Channel.PUSH, "en", 1, "New message", "From {{ data.from }}");
		subscription(tenant, type, "message", Channel.PUSH, null, null, null);
		recipient(tenant, "phone-user", null, "tok-a, tok-b", null, null, null);

		List<Notification> known = awaitFanOut(tenant,
				publish(tenant, "MessageReceived", "phone-user", "{\"from\":\"Bob\"}"));
		List<Notification> unknown = awaitFanOut(tenant, publish(tenant, "MessageReceived", "stranger", "{}"));

		assertThat(known).extracting(Notification::getRecipient).containsExactlyInAnyOrder("tok-a", "tok-b");
		assertThat(known).allSatisfy((n) -> assertThat(n.getBody()).isEqualTo("From Bob"));
		assertThat(unknown).singleElement().satisfies((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.FAILED);
			assertThat(n.getRecipient()).isEqualTo("stranger");
			assertThat(n.getStatusReason()).isEqualTo("no recipient profile with external id 'stranger'");
		});
	}

}
