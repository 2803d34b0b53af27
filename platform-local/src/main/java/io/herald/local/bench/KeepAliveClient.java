package io.herald.local.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.net.ssl.SSLSocketFactory;

/**
 * The REST load generator's HTTP/1.1 client: blocking keep-alive connections, one request
 * at a time each, called from virtual threads. It does only what the bench's POSTs need —
 * a request with a body, a response with {@code Content-Length} or chunked, the server's
 * {@code Connection: close} — so that the load generator, which shares the machine's
 * cores with Herald, spends as little CPU per request as it can (the JDK's
 * {@code HttpClient} spent about as much per request as the API itself; decision 0115).
 * <p>
 * A connection idle for longer than {@link #MAX_IDLE} is not reused (servers close idle
 * keep-alive connections); a request whose reused connection turns out closed before any
 * byte of the answer arrived is sent once more on a new connection, as browsers and the
 * JDK's client do.
 */
final class KeepAliveClient implements AutoCloseable {

	static final Duration MAX_IDLE = Duration.ofSeconds(5);

	private final InetSocketAddress address;

	/** The request line and the headers every request of this client shares. */
	private final String headPrefix;

	private final boolean tls;

	private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

	/** A client that POSTs to {@code url}. */
	KeepAliveClient(URI url) {
		if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
			throw new IllegalArgumentException("not an http(s) URL: " + url);
		}
		this.tls = "https".equals(url.getScheme());
		int port = (url.getPort() != -1) ? url.getPort() : (this.tls ? 443 : 80);
		this.address = new InetSocketAddress(url.getHost(), port);
		this.headPrefix = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getRawAuthority();
	}

	/** {@code POST} to this client's URL and the whole answer. */
	Response post(String authorization, String contentType, byte[] body, Duration timeout) throws IOException {
		byte[] head = (this.headPrefix + "\r\nAuthorization: " + authorization + "\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + body.length + "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		Connection connection = reusable();
		if (connection != null) {
			try {
				return exchange(connection, head, body, timeout);
			}
			catch (ClosedBeforeAnswer ex) {
				// the server had closed the idle connection: send it again on a new one
			}
		}
		return exchange(open(), head, body, timeout);
	}

	private Response exchange(Connection connection, byte[] head, byte[] body, Duration timeout) throws IOException {
		try {
			Response response = connection.exchange(head, body, timeout);
			if (response.keepAlive()) {
				connection.lastUsedNanos = System.nanoTime();
				this.idle.offerFirst(connection);
			}
			else {
				connection.close();
			}
			return response;
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * The most recently used idle connection that is fresh enough, closing stale ones.
	 */
	private Connection reusable() {
		for (Connection connection = this.idle.pollFirst(); connection != null; connection = this.idle.pollFirst()) {
			if (System.nanoTime() - connection.lastUsedNanos < MAX_IDLE.toNanos()) {
				return connection;
			}
			connection.close();
		}
		return null;
	}

	private Connection open() throws IOException {
		Socket socket = this.tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(this.address, 10_000);
			return new Connection(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/** Connections opened and not yet closed that wait for a request. */
	int idleConnections() {
		return this.idle.size();
	}

	@Override
	public void close() {
		for (Connection connection = this.idle.pollFirst(); connection != null; connection = this.idle.pollFirst()) {
			connection.close();
		}
	}

	/**
	 * A status, the body (chunked bodies joined) and whether the connection stays open.
	 */
	record Response(int status, byte[] body, boolean keepAlive) {

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/** The connection ended before the first byte of the answer. */
	private static final class ClosedBeforeAnswer extends IOException {

		ClosedBeforeAnswer(String message) {
			super(message);
		}

	}

	private static final class Connection {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private volatile long lastUsedNanos;

		Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			this.out = socket.getOutputStream();
		}

		Response exchange(byte[] head, byte[] body, Duration timeout) throws IOException {
			this.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
			byte[] request = new byte[head.length + body.length];
			System.arraycopy(head, 0, request, 0, head.length);
			System.arraycopy(body, 0, request, head.length, body.length);
			try {
				this.out.write(request);
				this.out.flush();
			}
			catch (IOException ex) {
				throw new ClosedBeforeAnswer("connection closed before the request was sent: " + ex.getMessage());
			}
			int first;
			try {
				first = this.in.read();
			}
			catch (SocketTimeoutException ex) {
				throw ex;
			}
			catch (IOException ex) {
				// reset by a server that had closed the connection
				throw new ClosedBeforeAnswer("connection closed before the answer: " + ex.getMessage());
			}
			if (first == -1) {
				throw new ClosedBeforeAnswer("connection closed before the answer");
			}
			String statusLine = (char) first + line();
			if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
				throw new IOException("not an HTTP/1.x status line: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			boolean keepAlive = statusLine.startsWith("HTTP/1.1");
			long length = -1;
			boolean chunked = false;
			for (String header = line(); !header.isEmpty(); header = line()) {
				int colon = header.indexOf(':');
				if (colon <= 0) {
					throw new IOException("malformed header: " + header);
				}
				String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				switch (name) {
					case "content-length" -> length = Long.parseLong(value);
					case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
					case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
					default -> {
					}
				}
			}
			byte[] content;
			if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
				content = new byte[0];
			}
			else if (chunked) {
				content = chunks();
			}
			else if (length >= 0) {
				content = this.in.readNBytes((int) length);
				if (content.length < length) {
					throw new EOFException("connection closed inside the body");
				}
			}
			else {
				content = this.in.readAllBytes();
				keepAlive = false;
			}
			return new Response(status, content, keepAlive);
		}

		private byte[] chunks() throws IOException {
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			while (true) {
				String size = line();
				int extension = size.indexOf(';');
				int length = Integer.parseInt((extension >= 0) ? size.substring(0, extension).trim() : size.trim(), 16);
				if (length == 0) {
					while (!line().isEmpty()) {
						// trailers
					}
					return content.toByteArray();
				}
				byte[] chunk = this.in.readNBytes(length);
				if (chunk.length < length) {
					throw new EOFException("connection closed inside a chunk");
				}
				content.writeBytes(chunk);
				line();
			}
		}

		/** One header line without its CR LF (ISO-8859-1). */
		private String line() throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
				if (b == -1) {
					throw new EOFException("connection closed inside the answer's head");
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
