package io.herald.worker.channel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow receiver on 127.0.0.1: to every connection it writes a scripted start (an HTTP
 * status line, an SMTP greeting's code) at once, then one more byte per interval for as
 * long as the client listens — never enough to trip a per-read timeout, never done.
 */
final class DrippingServer implements AutoCloseable {

	private final ServerSocket socket;

	private final byte[] start;

	private final Duration interval;

	private final ScheduledExecutorService drips = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger connections = new AtomicInteger();

	DrippingServer(String start, Duration interval) {
		this.start = start.getBytes(StandardCharsets.US_ASCII);
		this.interval = interval;
		try {
			this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().start(this::serve);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	int connections() {
		return this.connections.get();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try {
				Socket client = this.socket.accept();
				this.connections.incrementAndGet();
				OutputStream out = client.getOutputStream();
				out.write(this.start);
				out.flush();
				drip(client, out);
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void drip(Socket client, OutputStream out) {
		ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
		task[0] = this.drips.scheduleAtFixedRate(() -> {
			try {
				out.write('x');
				out.flush();
			}
			catch (IOException ex) {
				task[0].cancel(false);
				closeQuietly(client);
			}
		}, this.interval.toMillis(), this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static void closeQuietly(Socket client) {
		try {
			client.close();
		}
		catch (IOException ex) {
			// gone already
		}
	}

	@Override
	public void close() throws IOException {
		this.drips.shutdownNow();
		this.socket.close();
	}

}
