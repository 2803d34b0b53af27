package io.herald.local.invariants;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The suite's webhook receiver on 127.0.0.1. {@code /hook/ok} accepts (204) and records
 * each {@code webhook-id} and the event id of the body; while flaky it answers 30 % of
 * requests with 503, half of them at once and half only after {@code slowAnswer} (longer
 * than the worker's send deadline: a timeout). {@code /hook/doomed} always answers 500.
 * Only accepted requests count as received.
 */
final class FaultReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Duration slowAnswer;

	private volatile boolean flaky;

	private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> webhookIdsByEvent = new ConcurrentHashMap<>();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong timedOut = new AtomicLong();

	private final AtomicLong doomed = new AtomicLong();

	private FaultReceiver(HttpServer server, Duration slowAnswer) {
		this.server = server;
		this.slowAnswer = slowAnswer;
	}

	static FaultReceiver start(Duration slowAnswer) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		FaultReceiver receiver = new FaultReceiver(server, slowAnswer);
		server.createContext("/hook/ok", receiver::ok);
		server.createContext("/hook/doomed", receiver::doomed);
		server.start();
		return receiver;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook/" + path;
	}

	void flaky(boolean flaky) {
		this.flaky = flaky;
	}

	/** Accepted requests per {@code webhook-id}. */
	Map<String, AtomicInteger> accepted() {
		return this.accepted;
	}

	/** The {@code webhook-id}s accepted per event id. */
	Map<String, Set<String>> webhookIdsByEvent() {
		return this.webhookIdsByEvent;
	}

	long acceptedDistinct() {
		return this.accepted.size();
	}

	long refused() {
		return this.refused.get();
	}

	long timedOut() {
		return this.timedOut.get();
	}

	long doomedAnswers() {
		return this.doomed.get();
	}

	private void ok(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
			if (this.flaky) {
				double draw = ThreadLocalRandom.current().nextDouble();
				if (draw < 0.15) {
					this.refused.incrementAndGet();
					exchange.sendResponseHeaders(503, -1);
					return;
				}
				if (draw < 0.30) {
					this.timedOut.incrementAndGet();
					sleep(this.slowAnswer);
					exchange.sendResponseHeaders(503, -1);
					return;
				}
			}
			String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
			if (webhookId != null) {
				this.accepted.computeIfAbsent(webhookId, (id) -> new AtomicInteger()).incrementAndGet();
				String eventId = eventId(body);
				if (eventId != null) {
					this.webhookIdsByEvent.computeIfAbsent(eventId, (id) -> ConcurrentHashMap.newKeySet())
						.add(webhookId);
				}
			}
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private void doomed(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			this.doomed.incrementAndGet();
			exchange.sendResponseHeaders(500, -1);
		}
	}

	/** The {@code eventId} of Herald's webhook body, found without a JSON parse. */
	static String eventId(String body) {
		String marker = "\"eventId\":\"";
		int start = body.indexOf(marker);
		if (start < 0) {
			return null;
		}
		start += marker.length();
		int end = body.indexOf('"', start);
		return (end < 0) ? null : body.substring(start, end);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
