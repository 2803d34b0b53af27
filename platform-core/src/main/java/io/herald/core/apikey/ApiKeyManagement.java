package io.herald.core.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.error.InvalidInputException;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.support.TimeKey;
import io.herald.core.tenant.TenantRepository;
import io.herald.core.tenant.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, rotates, revokes and verifies API keys of the form
 * {@code hrld_<prefix>_<secret>}; the facade of the API key feature. The secret has 256
 * bits of entropy, so a fast keyed hash is the right one (decision 0045): a slow password
 * hash would only make every API call slower.
 */
@Service
public class ApiKeyManagement {

	private static final String LIST = "api-keys";

	static final String SCHEME = "hrld_";

	/** The longest rotation grace period. */
	public static final Duration MAX_GRACE = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(ApiKeyManagement.class);

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		.toCharArray();

	/** longer keys than any issued are not looked up at all */
	private static final int MAX_PRESENTED_LENGTH = 200;

	/**
	 * last-used time is written at most this often per key, to keep writes off the hot
	 * path
	 */
	private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final ApiKeyRepository keys;

	private final TenantRepository tenants;

	private final AuditLog audit;

	private final Clock clock;

	private final ApiKeyHasher hasher;

	ApiKeyManagement(ApiKeyRepository keys, TenantRepository tenants, AuditLog audit, Clock clock,
			HeraldCoreProperties properties) {
		this.keys = keys;
		this.tenants = tenants;
		this.audit = audit;
		this.clock = clock;
		String pepper = properties.apiKeys().pepper();
		if (HeraldCoreProperties.DEVELOPMENT_PEPPER.equals(pepper)) {
			log.warn("herald.api-keys.pepper is the built-in development pepper: set your own outside local mode");
		}
		this.hasher = new ApiKeyHasher(Base64.getDecoder().decode(pepper));
	}

	/**
	 * Issues a key; its full text is in the result and never stored nor shown again.
	 */
	@Transactional
	public IssuedApiKey issue(TenantScope scope, NewApiKey request) {
		UUID tenantId = scope.tenantId();
		if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
			throw InvalidInputException.of("name", "must be 1-200 characters");
		}
		if (request.scopes().isEmpty()) {
			throw InvalidInputException.of("scopes", "must hold at least one scope");
		}
		if (request.expiresAt() != null && !request.expiresAt().isAfter(this.clock.instant())) {
			throw InvalidInputException.of("expiresAt", "must be in the future");
		}
		String prefix = randomString(12);
		String secret = randomString(43);
		ApiKey key = this.keys.save(new ApiKey(tenantId, request.name().strip(), request.scopes(), request.expiresAt(),
				prefix, ApiKeyHasher.HMAC_SHA256, this.hasher.hash(secret), this.clock.instant()));
		this.audit.append(scope.actor(), tenantId, "api-key.issued", "api_key", key.getId().toString(),
				Map.of("prefix", prefix, "name", key.getName(), "scopes", ApiKeyView.of(key).scopes()));
		return new IssuedApiKey(ApiKeyView.of(key), SCHEME + prefix + "_" + secret);
	}

	/** A key with every scope and no expiry, e.g. a tenant's first key. */
	@Transactional
	public IssuedApiKey issueWithAllScopes(UUID tenantId, String name, Actor actor) {
		return issue(new TenantScope(tenantId, actor), new NewApiKey(name, ApiKeyScope.all(), null));
	}

	@Transactional(readOnly = true)
	public List<ApiKeyView> list(TenantScope scope) {
		return this.keys.findAllByTenantIdOrderByCreatedAtAsc(scope.tenantId()).stream().map(ApiKeyView::of).toList();
	}

	/** A page of the tenant's keys, oldest first. */
	@Transactional(readOnly = true)
	public Page<ApiKeyView> page(TenantScope scope, PageQuery query) {
		TimeKey after = query.oldestFirst(LIST);
		return Page
			.of(this.keys.pageByCreation(scope.tenantId(), after.at(), after.id(), query.fetchSize()), query,
					(key) -> new TimeKey(key.getCreatedAt(), key.getId()).cursor(LIST))
			.map(ApiKeyView::of);
	}

	/**
	 * Revokes a key of the tenant (again is harmless); empty when the tenant has no such
	 * key.
	 */
	@Transactional
	public Optional<ApiKeyView> revoke(TenantScope scope, UUID keyId) {
		return this.keys.findByIdAndTenantId(keyId, scope.tenantId()).map((key) -> {
			if (key.getRevokedAt() == null) {
				key.revoke(this.clock.instant());
				this.audit.append(scope.actor(), scope.tenantId(), "api-key.revoked", "api_key", keyId.toString(),
						Map.of("prefix", key.getPrefix()));
			}
			return ApiKeyView.of(key);
		});
	}

	/**
	 * Issues a successor with the same name, scopes and expiry; the old key keeps working
	 * for {@code grace} (0 to {@link #MAX_GRACE}) and is then refused.
	 */
	@Transactional
	public KeyRotation rotate(TenantScope scope, UUID keyId, Duration grace) {
		if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
			throw InvalidInputException.of("graceSeconds", "must be 0 to " + MAX_GRACE.toSeconds());
		}
		Optional<ApiKey> found = this.keys.findByIdAndTenantId(keyId, scope.tenantId());
		if (found.isEmpty()) {
			return new KeyRotation.NotFound();
		}
		ApiKey old = found.get();
		Instant now = this.clock.instant();
		if (!old.isUsableAt(now)) {
			return new KeyRotation.NotUsable("The key is revoked or expired");
		}
		if (old.getReplacedBy() != null) {
			return new KeyRotation.NotUsable("The key was already rotated");
		}
		IssuedApiKey successor = issue(scope, new NewApiKey(old.getName(), old.getScopes(), old.getExpiresAt()));
		old.replace(successor.key().id(), now.plus(grace));
		this.audit.append(scope.actor(), scope.tenantId(), "api-key.rotated", "api_key", keyId.toString(), Map
			.of("prefix", old.getPrefix(), "successor", successor.key().prefix(), "graceSeconds", grace.toSeconds()));
		return new KeyRotation.Rotated(successor);
	}

	/**
	 * The usable key the text names, with its tenant's state; empty for a wrong, revoked
	 * or expired key. A key hashed the old way is re-hashed on the way.
	 */
	@Transactional
	public Optional<VerifiedApiKey> verify(String presented) {
		if (presented == null || presented.length() > MAX_PRESENTED_LENGTH || !presented.startsWith(SCHEME)) {
			return Optional.empty();
		}
		String rest = presented.substring(SCHEME.length());
		int separator = rest.indexOf('_');
		if (separator <= 0) {
			return Optional.empty();
		}
		String prefix = rest.substring(0, separator);
		String secret = rest.substring(separator + 1);
		Instant now = this.clock.instant();
		return this.keys.findByPrefix(prefix)
			.filter((key) -> key.isUsableAt(now))
			.filter((key) -> this.hasher.matches(key.getHashScheme(), key.getSecretHash(), secret))
			.flatMap((key) -> {
				if (!ApiKeyHasher.HMAC_SHA256.equals(key.getHashScheme())) {
					key.rehash(ApiKeyHasher.HMAC_SHA256, this.hasher.hash(secret));
				}
				touch(key, now);
				return this.tenants.findById(key.getTenantId())
					.map((tenant) -> new VerifiedApiKey(key.getId(), tenant.getId(), key.getPrefix(), key.getScopes(),
							key.getExpiresAt(), tenant.isSuspended(), tenant.getIngestLimits()));
			});
	}

	private void touch(ApiKey key, Instant now) {
		if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
			this.keys.touch(key.getId(), now);
		}
	}

	private String randomString(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHABET[this.random.nextInt(ALPHABET.length)];
		}
		return new String(chars);
	}

}
