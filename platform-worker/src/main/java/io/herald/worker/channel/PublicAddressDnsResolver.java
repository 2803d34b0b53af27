package io.herald.worker.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The SSRF guard of outbound connections (webhooks, SMTP), applied where the client
 * resolves the host it is about to connect to, so that a name that passed a check cannot
 * later resolve elsewhere (DNS rebinding) and literal addresses are checked too. A host
 * with any internal address is refused: loopback, private (10/8, 172.16/12, 192.168/16),
 * link-local (169.254/16, fe80::/10, which includes cloud metadata services), multicast,
 * the any-address, carrier-grade NAT (100.64/10), unique-local IPv6 (fc00::/7) and other
 * reserved ranges. IPv6 addresses that carry an IPv4 address (IPv4-mapped and
 * -compatible, 6to4, Teredo, NAT64) are judged by the IPv4 address they lead to.
 */
final class PublicAddressDnsResolver implements DnsResolver {

	private final DnsResolver delegate;

	PublicAddressDnsResolver(DnsResolver delegate) {
		this.delegate = delegate;
	}

	PublicAddressDnsResolver() {
		this(SystemDefaultDnsResolver.INSTANCE);
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.delegate.resolve(host);
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				throw new BlockedAddressException(host);
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		return this.delegate.resolveCanonicalHostname(host);
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isMulticastAddress() || address.isAnyLocalAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return isPublicIpv4(bytes);
		}
		if (address instanceof Inet6Address) {
			return isPublicIpv6(bytes);
		}
		return false;
	}

	private static boolean isPublicIpv4(byte[] ip) {
		int a = ip[0] & 0xFF;
		int b = ip[1] & 0xFF;
		int c = ip[2] & 0xFF;
		return !(a == 0 // "this" network
				|| a == 10 || (a == 172 && (b & 0xF0) == 16) || (a == 192 && b == 168) // RFC
																						// 1918
				|| a == 127 // loopback
				|| (a == 169 && b == 254) // link-local
				|| (a == 100 && (b & 0xC0) == 64) // carrier-grade NAT 100.64/10
				|| (a == 192 && b == 0 && c == 0) // IETF protocol assignments
				|| (a == 198 && (b & 0xFE) == 18) // benchmarking 198.18/15
				|| a >= 224); // multicast, reserved and broadcast
	}

	private static boolean isPublicIpv6(byte[] ip) {
		if ((ip[0] & 0xFE) == 0xFC) {
			return false; // unique local fc00::/7
		}
		if ((ip[0] & 0xFF) == 0xFE && (ip[1] & 0xC0) == 0xC0) {
			return false; // site-local fec0::/10 (deprecated)
		}
		if (isZero(ip, 0, 10) && (ip[10] & 0xFF) == 0xFF && (ip[11] & 0xFF) == 0xFF) {
			return false; // IPv4-mapped that reached us as IPv6: refuse rather than guess
		}
		if (isZero(ip, 0, 12)) {
			return false; // IPv4-compatible (deprecated), ::, ::1
		}
		if (startsWith(ip, 0x01, 0x00, 0, 0, 0, 0, 0, 0)) {
			return false; // discard-only 100::/64
		}
		if (startsWith(ip, 0x20, 0x01, 0x0D, 0xB8)) {
			return false; // documentation 2001:db8::/32
		}
		if (startsWith(ip, 0x20, 0x02)) {
			// 6to4 2002:AABB:CCDD::/48: the IPv4 address in bits 16-47
			return isPublicIpv4(ipv4(ip, 2, 3, 4, 5));
		}
		if (startsWith(ip, 0x20, 0x01, 0x00, 0x00)) {
			// Teredo 2001::/32: the server's IPv4 address, then the client's, inverted
			byte[] client = ipv4(ip, 12, 13, 14, 15);
			for (int i = 0; i < client.length; i++) {
				client[i] = (byte) ~client[i];
			}
			return isPublicIpv4(ipv4(ip, 4, 5, 6, 7)) && isPublicIpv4(client);
		}
		if (startsWith(ip, 0x00, 0x64, 0xFF, 0x9B) && isZero(ip, 4, 12)) {
			// well-known NAT64 64:ff9b::/96: the IPv4 address in the last 32 bits
			return isPublicIpv4(ipv4(ip, 12, 13, 14, 15));
		}
		if (startsWith(ip, 0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01)) {
			// local-use NAT64 64:ff9b:1::/48 (RFC 8215) is not globally reachable, and
			// its
			// IPv4 address may sit at any RFC 6052 position: refused as a whole
			return false;
		}
		return true;
	}

	private static byte[] ipv4(byte[] ip, int a, int b, int c, int d) {
		return new byte[] { ip[a], ip[b], ip[c], ip[d] };
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	/** Thrown instead of connecting to an address the guard refuses. */
	static final class BlockedAddressException extends UnknownHostException {

		BlockedAddressException(String host) {
			super("target address is not allowed: " + host);
		}

	}

}
