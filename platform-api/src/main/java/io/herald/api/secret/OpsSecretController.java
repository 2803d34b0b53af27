package io.herald.api.secret;

import io.herald.core.secret.SecretRotation;
import io.herald.core.secret.SecretRotation.RotationStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator view of secrets at rest: this instance's key ids (never the keys), the active
 * one, how many stored secrets each key holds and the background rotations. Rotation is
 * over when {@code remaining} is 0 and the latest rotation is {@code DONE}.
 */
@RestController
class OpsSecretController {

	private final SecretRotation rotation;

	OpsSecretController(SecretRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping("/api/v1/ops/secrets")
	RotationStatus status() {
		return this.rotation.status();
	}

}
