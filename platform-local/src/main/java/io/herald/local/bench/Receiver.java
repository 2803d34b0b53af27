package io.herald.local.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The webhook receiver on 127.0.0.1: {@code POST /hook/<subscription>} hands the event id
 * (from the body) and the {@code webhook-id} header to the current run's {@link Tracker}
 * and answers 204; {@code POST /floor} only counts, for the receiver's own request rate
 * in the raw floor.
 */
final class Receiver implements AutoCloseable {

	private static final int MAX_BODY = 64 * 1024;

	private final HttpServer server;

	private final AtomicLong floorRequests = new AtomicLong();

	private volatile Tracker tracker;

	private Receiver(HttpServer server) {
		this.server = server;
	}

	static Receiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		Receiver receiver = new Receiver(server);
		server.createContext("/hook/", receiver::hook);
		server.createContext("/floor", receiver::floor);
		server.start();
		return receiver;
	}

	String hookUrl(int subscription) {
		return baseUrl() + "/hook/" + subscription;
	}

	String floorUrl() {
		return baseUrl() + "/floor";
	}

	void track(Tracker tracker) {
		this.tracker = tracker;
	}

	long floorRequests() {
		return this.floorRequests.get();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void hook(HttpExchange exchange) throws IOException {
		long now = System.nanoTime();
		try (exchange) {
			String body = readBody(exchange.getRequestBody());
			int subscription = subscription(exchange.getRequestURI().getPath());
			Tracker current = this.tracker;
			if (current != null) {
				current.receive(eventId(body), subscription, exchange.getRequestHeaders().getFirst("webhook-id"), now);
			}
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private void floor(HttpExchange exchange) throws IOException {
		try (exchange) {
			readBody(exchange.getRequestBody());
			this.floorRequests.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
		}
	}

	private static String readBody(InputStream in) throws IOException {
		return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
	}

	private static int subscription(String path) {
		try {
			return Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The {@code eventId} string of Herald's webhook body, found without a JSON parse.
	 */
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

	@Override
	public void close() {
		this.server.stop(0);
	}

}
