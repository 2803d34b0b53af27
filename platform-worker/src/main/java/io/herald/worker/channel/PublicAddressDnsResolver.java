package io.herald.worker.channel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The SSRF guard of webhooks, applied where the HTTP client resolves the host it is about
 * to connect to, so that a name that passed a check cannot later resolve elsewhere (DNS
 * rebinding) and literal addresses are checked too. A host with any internal address is
 * refused: loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16,
 * fe80::/10, which includes cloud metadata services), multicast, the any-address,
 * carrier-grade NAT (100.64/10), unique-local IPv6 (fc00::/7) and other reserved ranges.
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
				|| (a == 100 && (b & 0xC0) == 64) // carrier-grade NAT 100.64/10
				|| (a == 192 && b == 0 && c == 0) // IETF protocol assignments
				|| (a == 198 && (b & 0xFE) == 18) // benchmarking 198.18/15
				|| a >= 240); // reserved and broadcast
	}

	private static boolean isPublicIpv6(byte[] ip) {
		if ((ip[0] & 0xFE) == 0xFC) {
			return false; // unique local fc00::/7
		}
		if (isZero(ip, 0, 10) && (ip[10] & 0xFF) == 0xFF && (ip[11] & 0xFF) == 0xFF) {
			return false; // IPv4-mapped that reached us as IPv6: refuse rather than guess
		}
		if (isZero(ip, 0, 12)) {
			return false; // IPv4-compatible (deprecated), ::, ::1
		}
		boolean nat64 = (ip[0] & 0xFF) == 0x00 && (ip[1] & 0xFF) == 0x64 && (ip[2] & 0xFF) == 0xFF
				&& (ip[3] & 0xFF) == 0x9B && isZero(ip, 4, 12);
		if (nat64) {
			byte[] embedded = { ip[12], ip[13], ip[14], ip[15] };
			try {
				return isPublic(InetAddress.getByAddress(embedded));
			}
			catch (UnknownHostException ex) {
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
