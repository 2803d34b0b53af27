package io.herald.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The REST load generator's client against real HTTP servers on 127.0.0.1: the JDK's
 * {@code HttpServer} for the answers a server may give, and a bare socket server for a
 * connection the server closes between two requests.
 */
class KeepAliveClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private HttpServer server;

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final List<String> received = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void sendsTheRequestAndReusesOneConnectionForRequestsInTurn() throws Exception {
		URI url = serve((exchange) -> {
			this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ exchange.getRequestHeaders().getFirst("Authorization") + " "
					+ exchange.getRequestHeaders().getFirst("Content-Type") + " "
					+ new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			answer(exchange, 202, "{\"status\":\"accepted\"}");
		});
		try (KeepAliveClient client = new KeepAliveClient(url)) {
			for (int i = 0; i < 3; i++) {
				KeepAliveClient.Response response = client.post("Bearer k-" + i, "application/json",
						("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), TIMEOUT);
				assertThat(response.status()).isEqualTo(202);
				assertThat(response.bodyText()).isEqualTo("{\"status\":\"accepted\"}");
				assertThat(response.keepAlive()).isTrue();
			}
			assertThat(client.idleConnections()).isOne();
		}
		assertThat(this.received).containsExactly("POST /api/v1/events Bearer k-0 application/json {\"n\":0}",
				"POST /api/v1/events Bearer k-1 application/json {\"n\":1}",
				"POST /api/v1/events Bearer k-2 application/json {\"n\":2}");
		assertThat(this.clientPorts).hasSize(1);
	}

	@Test
	void readsAChunkedBodyAndAnErrorStatus() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		URI url = serve((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			if (calls.incrementAndGet() == 1) {
				byte[] body = "{\"results\":[{\"index\":0,\"status\":\"ACCEPTED\"}]}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, 0); // 0: chunked
				exchange.getResponseBody().write(body, 0, 10);
				exchange.getResponseBody().flush();
				exchange.getResponseBody().write(body, 10, body.length - 10);
				exchange.close();
			}
			else {
				answer(exchange, 400, "{\"title\":\"Bad Request\"}");
			}
		});
		try (KeepAliveClient client = new KeepAliveClient(url)) {
			KeepAliveClient.Response chunked = client.post("Bearer k", "application/json", new byte[] { '[', ']' },
					TIMEOUT);
			KeepAliveClient.Response rejected = client.post("Bearer k", "application/json", new byte[0], TIMEOUT);

			assertThat(chunked.status()).isEqualTo(200);
			assertThat(chunked.bodyText()).isEqualTo("{\"results\":[{\"index\":0,\"status\":\"ACCEPTED\"}]}");
			assertThat(rejected.status()).isEqualTo(400);
			assertThat(rejected.bodyText()).isEqualTo("{\"title\":\"Bad Request\"}");
		}
		assertThat(this.clientPorts).hasSize(1);
	}

	@Test
	void opensANewConnectionAfterTheServerSaysClose() throws Exception {
		URI url = serve((exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Connection", "close");
			answer(exchange, 202, "ok");
		});
		try (KeepAliveClient client = new KeepAliveClient(url)) {
			for (int i = 0; i < 3; i++) {
				KeepAliveClient.Response response = client.post("Bearer k", "application/json", new byte[] { '1' },
						TIMEOUT);
				assertThat(response.status()).isEqualTo(202);
				assertThat(response.keepAlive()).isFalse();
			}
			assertThat(client.idleConnections()).isZero();
		}
		assertThat(this.clientPorts).hasSize(3);
	}

	@Test
	void sendsARequestAgainOnANewConnectionWhenTheServerClosedTheIdleOne() throws Exception {
		// answers one request per connection, keep-alive, then closes it without saying
		// so
		try (ServerSocket bare = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AtomicInteger connections = new AtomicInteger();
			Thread.ofVirtual().start(() -> {
				while (!bare.isClosed()) {
					try (Socket socket = bare.accept()) {
						connections.incrementAndGet();
						readRequest(socket.getInputStream());
						socket.getOutputStream()
							.write("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok"
								.getBytes(StandardCharsets.US_ASCII));
						socket.getOutputStream().flush();
					}
					catch (IOException ex) {
						// the test closed the server
					}
				}
			});
			URI url = URI.create("http://127.0.0.1:" + bare.getLocalPort() + "/api/v1/events");
			try (KeepAliveClient client = new KeepAliveClient(url)) {
				assertThat(client.post("Bearer k", "application/json", new byte[] { '1' }, TIMEOUT).status())
					.isEqualTo(202);
				assertThat(client.idleConnections()).isOne();
				KeepAliveClient.Response again = client.post("Bearer k", "application/json", new byte[] { '2' },
						TIMEOUT);
				assertThat(again.status()).isEqualTo(202);
				assertThat(again.bodyText()).isEqualTo("ok");
			}
			assertThat(connections).hasValue(2);
		}
	}

	@Test
	void aServerThatAnswersNothingFailsTheRequestWithinItsTimeout() throws Exception {
		CountDownLatch testDone = new CountDownLatch(1);
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				try (Socket socket = silent.accept()) {
					readRequest(socket.getInputStream());
					testDone.await(10, TimeUnit.SECONDS);
				}
				catch (IOException | InterruptedException ex) {
					// done
				}
			});
			URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/api/v1/events");
			try (KeepAliveClient client = new KeepAliveClient(url)) {
				assertThatIOException().isThrownBy(
						() -> client.post("Bearer k", "application/json", new byte[] { '1' }, Duration.ofMillis(300)))
					.withMessageContaining("timed out");
				assertThat(client.idleConnections()).isZero();
			}
		}
		finally {
			testDone.countDown();
		}
	}

	private URI serve(Handler handler) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		this.server.createContext("/api/v1/events", (exchange) -> {
			this.clientPorts.add(exchange.getRemoteAddress().getPort());
			handler.handle(exchange);
		});
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v1/events");
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	/** Reads a request's head and its Content-Length body. */
	private static void readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b == -1) {
				throw new IOException("closed");
			}
			head.write(b);
		}
		String text = head.toString(StandardCharsets.US_ASCII);
		int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
		in.readNBytes(Integer.parseInt(text.substring(at, text.indexOf("\r\n", at))));
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
