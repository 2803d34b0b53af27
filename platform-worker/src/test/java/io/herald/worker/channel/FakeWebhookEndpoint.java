package io.herald.worker.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for tests: answers each path with a scripted sequence
 * of responses (the last one repeats; 200 when none) and records every request.
 */
public final class FakeWebhookEndpoint implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();

	private final Queue<Received> received = new ConcurrentLinkedQueue<>();

	public FakeWebhookEndpoint() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** Answers {@code path} with these replies in turn, repeating the last one. */
	public void script(String path, Reply... replies) {
		this.scripts.put(path, new ArrayDeque<>(List.of(replies)));
	}

	public List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	public List<Received> receivedUnder(String prefix) {
		return this.received.stream().filter((request) -> request.path().startsWith(prefix)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Map<String, String> headers = new ConcurrentHashMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
		String path = exchange.getRequestURI().getPath();
		this.received.add(new Received(path, headers, body));
		Reply reply = next(path);
		reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] answer = reply.body().getBytes();
		exchange.sendResponseHeaders(reply.status(), (answer.length == 0) ? -1 : answer.length);
		if (answer.length > 0) {
			exchange.getResponseBody().write(answer);
		}
		exchange.close();
	}

	private Reply next(String path) {
		Deque<Reply> script = this.scripts.get(path);
		if (script == null) {
			return Reply.status(200);
		}
		synchronized (script) {
			return (script.size() > 1) ? script.poll() : script.peek();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Reply(int status, Map<String, String> headers, String body) {

		public static Reply status(int status) {
			return new Reply(status, Map.of(), "");
		}

		public static Reply status(int status, String body) {
			return new Reply(status, Map.of(), body);
		}

		public Reply header(String name, String value) {
			Map<String, String> all = new ConcurrentHashMap<>(this.headers);
			all.put(name, value);
			return new Reply(this.status, all, this.body);
		}

	}

	public record Received(String path, Map<String, String> headers, byte[] body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
