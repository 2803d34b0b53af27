package io.herald.core.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTests {

	static final String KEY_A = Base64.getEncoder().encodeToString("key-a-0123456789abcdef0123456789".getBytes());

	static final String KEY_B = Base64.getEncoder().encodeToString("key-b-0123456789abcdef0123456789".getBytes());

	private final UUID tenant = UUID.randomUUID();

	private final SecretContext email = SecretContext.channelSettings(this.tenant, "EMAIL");

	private final SecretCipher cipherA = new SecretCipher(SecretKeyring.of(null, Map.of("a", KEY_A), null));

	@Test
	void ciphertextNamesItsKeyAndOpensWithItsContext() {
		String stored = this.cipherA.encrypt("{\"password\":\"hunter2\"}", this.email);
		assertThat(stored).startsWith("v2:a:").doesNotContain("hunter2");
		assertThat(this.cipherA.decrypt(stored, this.email)).isEqualTo("{\"password\":\"hunter2\"}");
		assertThat(this.cipherA.isUnderActiveKey(stored)).isTrue();
	}

	@Test
	void ciphertextMovedToAnotherTenantOrChannelDoesNotDecrypt() {
		String stored = this.cipherA.encrypt("s3cret", this.email);
		assertThatThrownBy(
				() -> this.cipherA.decrypt(stored, SecretContext.channelSettings(UUID.randomUUID(), "EMAIL")))
			.isInstanceOf(SecretDecryptionException.class)
			.hasMessageContaining("another tenant or channel")
			.hasMessageNotContaining("s3cret")
			.satisfies((ex) -> assertThat(((SecretDecryptionException) ex).unknownKey()).isFalse());
		assertThatThrownBy(() -> this.cipherA.decrypt(stored, SecretContext.channelSettings(this.tenant, "PUSH")))
			.isInstanceOf(SecretDecryptionException.class);
		assertThatThrownBy(() -> this.cipherA.decrypt(stored, SecretContext.webhookSigningSecret(this.tenant)))
			.isInstanceOf(SecretDecryptionException.class);
	}

	@Test
	void alteredKeyIdOrCiphertextDoesNotDecrypt() {
		SecretCipher ring = new SecretCipher(SecretKeyring.of(null, Map.of("a", KEY_A, "b", KEY_A), "a"));
		String stored = ring.encrypt("s3cret", this.email);
		// same key material under another id: the key id is authenticated too
		assertThatThrownBy(() -> ring.decrypt("v2:b:" + stored.substring(5), this.email))
			.isInstanceOf(SecretDecryptionException.class);
		int at = stored.length() - 10;
		String flipped = stored.substring(0, at) + ((stored.charAt(at) == 'A') ? 'B' : 'A') + stored.substring(at + 1);
		assertThatThrownBy(() -> ring.decrypt(flipped, this.email)).isInstanceOf(SecretDecryptionException.class);
	}

	@Test
	void aKeyMissingFromTheRingIsReportedAsSuch() {
		String stored = this.cipherA.encrypt("s3cret", this.email);
		SecretCipher onlyB = new SecretCipher(SecretKeyring.of(null, Map.of("b", KEY_B), null));
		assertThatThrownBy(() -> onlyB.decrypt(stored, this.email)).isInstanceOf(SecretDecryptionException.class)
			.hasMessageContaining("key 'a', which is not in herald.crypto.keys (keys here: [b])")
			.satisfies((ex) -> assertThat(((SecretDecryptionException) ex).unknownKey()).isTrue());
	}

	@Test
	void theFirstFormatIsStillReadWithAnyKeyOfTheRingAndReencryptedUnderTheActiveKey() throws Exception {
		String v1 = v1(KEY_A, "whsec_old");
		SecretCipher rotated = new SecretCipher(SecretKeyring.of(KEY_A, Map.of("b", KEY_B), "b"));
		SecretContext signing = SecretContext.webhookSigningSecret(this.tenant);
		assertThat(rotated.decrypt(v1, signing)).isEqualTo("whsec_old");
		assertThat(rotated.isUnderActiveKey(v1)).isFalse();
		String again = rotated.reencrypt(v1, signing);
		assertThat(again).startsWith("v2:b:");
		assertThat(rotated.decrypt(again, signing)).isEqualTo("whsec_old");
		SecretCipher withoutA = new SecretCipher(SecretKeyring.of(null, Map.of("b", KEY_B), null));
		assertThatThrownBy(() -> withoutA.decrypt(v1, signing)).isInstanceOf(SecretDecryptionException.class);
	}

	@Test
	void keysOfTheRingEncryptOnlyWhenActive() {
		SecretCipher rotated = new SecretCipher(SecretKeyring.of(KEY_A, Map.of("b", KEY_B), "b"));
		String underB = rotated.encrypt("s3cret", this.email);
		assertThat(underB).startsWith("v2:b:");
		SecretCipher single = new SecretCipher(SecretKeyring.of(KEY_A, null, null));
		String underDefault = single.encrypt("s3cret", this.email);
		assertThat(underDefault).startsWith("v2:default:");
		assertThat(rotated.decrypt(underDefault, this.email)).isEqualTo("s3cret");
		assertThat(rotated.isUnderActiveKey(underDefault)).isFalse();
	}

	@Test
	void keyringRefusesWhatCannotWork() {
		assertThatThrownBy(() -> SecretKeyring.of(null, Map.of(), null)).isInstanceOf(CryptoKeyException.class)
			.hasMessageContaining("No encryption key is configured (herald.crypto.key)");
		assertThatThrownBy(() -> SecretKeyring.of(" ", null, null)).isInstanceOf(CryptoKeyException.class);
		assertThatThrownBy(() -> SecretKeyring.of("bm90LTMyLWJ5dGVz", null, null))
			.isInstanceOf(CryptoKeyException.class)
			.hasMessage("herald.crypto.key must be base64 of 32 bytes (AES-256), got 12 bytes.");
		assertThatThrownBy(() -> SecretKeyring.of("%%%", null, null)).isInstanceOf(CryptoKeyException.class)
			.hasMessage("herald.crypto.key is not valid base64.");
		assertThatThrownBy(() -> SecretKeyring.of(KEY_A, Map.of("b", KEY_B), null))
			.isInstanceOf(CryptoKeyException.class)
			.hasMessageContaining("set herald.crypto.active-key")
			.hasMessageNotContaining(KEY_A);
		assertThatThrownBy(() -> SecretKeyring.of(KEY_A, Map.of("default", KEY_B), "default"))
			.isInstanceOf(CryptoKeyException.class)
			.hasMessageContaining("clashes with herald.crypto.key");
		assertThatThrownBy(() -> SecretKeyring.of(null, Map.of("Bad:Id", KEY_B), null))
			.isInstanceOf(CryptoKeyException.class)
			.hasMessageContaining("a key id is 1 to 32");
		assertThat(SecretKeyring.of(KEY_A, Map.of("b", KEY_B), "b").toString()).doesNotContain(KEY_A)
			.doesNotContain(KEY_B)
			.isEqualTo("SecretKeyring[keys=[b, default], active=b]");
	}

	/** The stored form earlier versions wrote: no key id, no associated data. */
	static String v1(String base64Key, String plaintext) throws Exception {
		byte[] iv = new byte[12];
		iv[0] = 7;
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(base64Key), "AES"),
				new GCMParameterSpec(128, iv));
		byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
		return "v1:" + Base64.getEncoder()
			.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
	}

}
