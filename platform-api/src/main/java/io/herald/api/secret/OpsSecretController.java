package io.herald.api.secret;

import io.herald.core.secret.SecretRotation;
import io.herald.core.secret.SecretRotation.RotationStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator view of secrets at rest: this instance's key ids (never the keys), the active
 * one, how many stored secrets each key holds and the background rotations. Rotation is
 * over when {@code remaining} is 0 and the latest rotation is {@code DONE}.
 */
@RestController
@Tag(name = "Operators: secrets", description = "Encryption keys and the re-encryption of stored secrets")
class OpsSecretController {

	private final SecretRotation rotation;

	OpsSecretController(SecretRotation rotation) {
		this.rotation = rotation;
	}

	@Operation(summary = "Show encryption key ids and the key rotation",
			description = "Key ids of this instance's ring (never the keys), the active one, stored secrets per key "
					+ "(v1: the first format, no key id) and every rotation, latest first. The rotation to the active "
					+ "key is finished when remaining is 0 and its status is DONE.")
	@GetMapping("/api/v1/ops/secrets")
	RotationStatus status() {
		return this.rotation.status();
	}

}
