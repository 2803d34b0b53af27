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
			"198.18.0.1", "fec0::1", "100::1", "2001:db8::1" })
	void internalAddressesAreRefused(String address) {
		assertRefused(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "::10.0.0.1", "::127.0.0.1", "::8.8.8.8", "::ffff:169.254.169.254", "::ffff:0.0.0.0" })
	void ipv4MappedAndCompatibleAddressesAreRefusedWhenTheyLeadInside(String address) {
		assertRefused(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2002:7f00:1::1", "2002:a00:1::1", "2002:c0a8:101::", "2002:a9fe:a9fe::1",
			"2002:6440:1::1", "2002:ac10:1:1::1" })
	void sixToFourAddressesOfInternalIpv4AddressesAreRefused(String address) {
		assertRefused(address);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// client 10.0.0.1, 192.168.1.1, 127.0.0.1 (inverted in the last 32 bits)
			"2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001:0:4136:e378:8000:63bf:3f57:fefe",
			"2001:0:4136:e378:8000:63bf:80ff:fffe",
			// a private Teredo server with a public client
			"2001:0:a00:1:8000:63bf:f7f7:f7f7" })
	void teredoAddressesOfInternalIpv4AddressesAreRefused(String address) {
		assertRefused(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::c0a8:101", "64:ff9b::6440:1",
			// the local-use prefix, whatever its IPv4 address, in the /96 and /48
			// positions
			"64:ff9b:1::a00:1", "64:ff9b:1:a00:0:100::", "64:ff9b:1::808:808" })
	void nat64AddressesOfInternalIpv4AddressesAndLocalUseNat64AreRefused(String address) {
		assertRefused(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1",
			"2606:4700:4700::1111", "64:ff9b::808:808", "2002:808:808::1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7" })
	void publicAddressesPass(String address) throws UnknownHostException {
		assertThat(this.resolver.resolve(address)).containsExactly(InetAddress.getByName(address));
	}

	private void assertRefused(String address) {
		assertThatExceptionOfType(PublicAddressDnsResolver.BlockedAddressException.class)
			.isThrownBy(() -> this.resolver.resolve(address))
			.withMessageContaining("target address is not allowed");
	}

}
