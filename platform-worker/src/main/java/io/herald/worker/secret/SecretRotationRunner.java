package io.herald.worker.secret;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.herald.core.secret.SecretRotation;
import io.herald.core.secret.SecretRotation.Batch;
import io.herald.core.secret.SecretRotation.Claim;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.herald.worker.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts stored secrets under the active key in the background, on its own thread:
 * at every poll it claims the active key's rotation ({@link SecretRotation#claim}) and,
 * when it gets the lease, works through the secrets in batches until the pass ends or the
 * worker stops. Progress is logged with counts, counted in
 * {@code herald.secrets.reencrypted} and {@code herald.secrets.undecryptable}, and shown
 * by the API's {@code GET /api/v1/ops/secrets}.
 */
class SecretRotationRunner extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(SecretRotationRunner.class);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

	private final SecretRotationProperties properties;

	private final SecretRotation rotation;

	private final Counter reencrypted;

	private final Counter undecryptable;

	private String warnedSuperseded;

	SecretRotationRunner(SecretRotationProperties properties, SecretRotation rotation, MeterRegistry meters) {
		super("herald-secret-rotation");
		this.properties = properties;
		this.rotation = rotation;
		this.reencrypted = Counter.builder("herald.secrets.reencrypted")
			.description("Stored secrets re-encrypted under the active key")
			.register(meters);
		this.undecryptable = Counter.builder("herald.secrets.undecryptable")
			.description("Stored secrets the rotation could not decrypt (left as they were)")
			.register(meters);
	}

	@Override
	protected void loop() {
		while (isRunning()) {
			try {
				Claim claim = this.rotation.claim(this.properties.lease());
				switch (claim) {
					case Claim.Leased leased -> run(leased);
					case Claim.Superseded superseded -> superseded(superseded);
					case Claim.Busy busy -> {
					}
					case Claim.Idle idle -> {
					}
				}
				TimeUnit.MILLISECONDS.sleep(this.properties.pollInterval().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!isRunning()) {
					return;
				}
				log.atWarn().setCause(ex).log("Secret rotation failed; trying again at the next poll");
				try {
					TimeUnit.MILLISECONDS.sleep(this.properties.pollInterval().toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void run(Claim.Leased leased) {
		String key = leased.keyId();
		log.atInfo()
			.addKeyValue("activeKey", key)
			.addKeyValue("remaining", leased.remaining())
			.log("Secret rotation: re-encrypting stored secrets under the active key '{}' ({} not under it)", key,
					leased.remaining());
		long done = 0;
		long remaining;
		long failed = 0;
		long lastLog = System.nanoTime();
		while (isRunning()) {
			Batch batch = this.rotation.next(leased.lease(), this.properties.batchSize(), this.properties.lease());
			if (batch.lost()) {
				log.atInfo().addKeyValue("activeKey", key).log("Secret rotation: lease lost, another worker goes on");
				return;
			}
			done += batch.reencrypted();
			failed += batch.failed();
			this.reencrypted.increment(batch.reencrypted());
			this.undecryptable.increment(batch.failed());
			if (batch.done()) {
				remaining = this.rotation.remaining();
				log.atInfo()
					.addKeyValue("activeKey", key)
					.addKeyValue("reencrypted", done)
					.addKeyValue("undecryptable", failed)
					.addKeyValue("remaining", remaining)
					.log("Secret rotation: pass finished under key '{}': {} re-encrypted, {} undecryptable, {} not under the key",
							key, done, failed, remaining);
				return;
			}
			if (System.nanoTime() - lastLog > PROGRESS_EVERY.toNanos()) {
				lastLog = System.nanoTime();
				log.atInfo()
					.addKeyValue("activeKey", key)
					.addKeyValue("reencrypted", done)
					.addKeyValue("undecryptable", failed)
					.log("Secret rotation: in progress under key '{}': {} re-encrypted, {} undecryptable", key, done,
							failed);
			}
		}
		this.rotation.release(leased.lease());
	}

	private void superseded(Claim.Superseded superseded) {
		if (!superseded.latest().equals(this.warnedSuperseded)) {
			this.warnedSuperseded = superseded.latest();
			log.atWarn()
				.addKeyValue("activeKey", superseded.keyId())
				.addKeyValue("latestKey", superseded.latest())
				.log("Secret rotation: key '{}' became active after this instance's herald.crypto.active-key; "
						+ "this instance does not rotate (update its configuration)", superseded.latest());
		}
	}

}
