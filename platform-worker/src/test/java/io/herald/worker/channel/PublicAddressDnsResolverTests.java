package io.herald.worker.channel;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SSRF guard's address ranges; literal addresses resolve without DNS.
 */
class PublicAddressDnsResolverTests {

	private final PublicAddressDnsResolver resolver = new PublicAddressDnsResolver();

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.0.1", "172.31.255.255", "192.168.1.1",
			"169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
			"fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
			"198.18.0.1" })
	void internalAddressesAreRefused(String address) {
		assertThatExceptionOfType(PublicAddressDnsResolver.BlockedAddressException.class)
			.isThrownBy(() -> this.resolver.resolve(address))
			.withMessageContaining("target address is not allowed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
			"2606:4700:4700::1111", "64:ff9b::808:808" })
	void publicAddressesPass(String address) throws UnknownHostException {
		assertThat(this.resolver.resolve(address)).containsExactly(InetAddress.getByName(address));
	}

}
