package io.herald.worker.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server that answers every {@code RCPT TO} with one fixed reply, for the
 * refusals GreenMail never gives (550 no such user, 451 try later), and greets with a
 * scripted line (a service that is not SMTP, an endless greeting). Counts connections.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final String rcptReply;

	private final String greeting;

	private final AtomicInteger connections = new AtomicInteger();

	ScriptedSmtpServer(String rcptReply) throws IOException {
		this("220 scripted ESMTP", rcptReply);
	}

	ScriptedSmtpServer(String greeting, String rcptReply) throws IOException {
		this.greeting = greeting;
		this.rcptReply = rcptReply;
		this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
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
			try (Socket client = this.socket.accept()) {
				this.connections.incrementAndGet();
				converse(client);
			}
			catch (IOException ex) {
				// closed, or the client hung up: take the next connection
			}
		}
	}

	private void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
		reply(out, this.greeting);
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("RCPT")) {
				reply(out, this.rcptReply);
			}
			else if (command.startsWith("DATA")) {
				reply(out, "503 5.5.1 No valid recipients");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 2.0.0 Bye");
				return;
			}
			else {
				reply(out, "250 OK");
			}
		}
	}

	private static void reply(Writer out, String reply) throws IOException {
		out.write(reply + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
