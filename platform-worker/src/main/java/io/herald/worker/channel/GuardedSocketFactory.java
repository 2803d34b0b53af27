package io.herald.worker.channel;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.SocketFactory;

/**
 * Sockets for one outbound exchange with a tenant-named server (SMTP): each checks the
 * address it actually connects to against the SSRF guard (so the check and the connection
 * use the same resolved address, and DNS rebinding has nothing to exploit), reads at most
 * {@code maxRead} bytes in all, and can be closed from another thread when the send's
 * deadline passes.
 */
final class GuardedSocketFactory extends SocketFactory {

	private final boolean allowPrivateNetworks;

	private final long maxRead;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	GuardedSocketFactory(boolean allowPrivateNetworks, long maxRead) {
		this.allowPrivateNetworks = allowPrivateNetworks;
		this.maxRead = maxRead;
	}

	/** An unconnected socket; Jakarta Mail connects it. */
	@Override
	public Socket createSocket() {
		GuardedSocket socket = new GuardedSocket();
		this.sockets.add(socket);
		return socket;
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port));
	}

	/** Closes every socket made so far, which ends any read or write blocked on them. */
	void closeAll() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	private Socket connected(InetSocketAddress address) throws IOException {
		Socket socket = createSocket();
		socket.connect(address);
		return socket;
	}

	private final class GuardedSocket extends Socket {

		private long read;

		private InputStream input;

		@Override
		public void connect(SocketAddress endpoint, int timeout) throws IOException {
			if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
				throw new java.net.UnknownHostException(String.valueOf(endpoint));
			}
			if (!GuardedSocketFactory.this.allowPrivateNetworks
					&& !PublicAddressDnsResolver.isPublic(inet.getAddress())) {
				throw new PublicAddressDnsResolver.BlockedAddressException(inet.getHostString());
			}
			super.connect(endpoint, timeout);
		}

		@Override
		public synchronized InputStream getInputStream() throws IOException {
			if (this.input == null) {
				this.input = new CappedInput(super.getInputStream());
			}
			return this.input;
		}

		private final class CappedInput extends FilterInputStream {

			CappedInput(InputStream in) {
				super(in);
			}

			@Override
			public int read() throws IOException {
				int b = super.read();
				if (b >= 0) {
					count(1);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				if (n > 0) {
					count(n);
				}
				return n;
			}

			private void count(int n) throws IOException {
				GuardedSocket.this.read += n;
				if (GuardedSocket.this.read > GuardedSocketFactory.this.maxRead) {
					close();
					throw new ResponseTooLargeException(GuardedSocketFactory.this.maxRead);
				}
			}

		}

	}

}
