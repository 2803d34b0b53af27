package io.herald.api.apikey;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.herald.api.web.ProblemException;
import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.apikey.ApiKeyScope;
import io.herald.core.apikey.ApiKeyView;
import io.herald.core.apikey.IssuedApiKey;
import io.herald.core.apikey.KeyRotation;
import io.herald.core.apikey.NewApiKey;
import io.herald.core.error.FieldProblem;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantScope;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the tenant's and the operator's API key endpoints share: request parsing, the
 * calls to {@link ApiKeyManagement} and the responses.
 */
@Component
class ApiKeyEndpoints {

	/** Grace period of a rotation that names none. */
	static final long DEFAULT_GRACE_SECONDS = 3600;

	private final ApiKeyManagement keys;

	ApiKeyEndpoints(ApiKeyManagement keys) {
		this.keys = keys;
	}

	ResponseEntity<CreatedApiKey> create(TenantScope scope, CreateApiKeyRequest request, String base) {
		IssuedApiKey issued = this.keys.issue(scope,
				new NewApiKey(request.name(), scopes(request.scopes()), request.expiresAt()));
		return ResponseEntity.created(URI.create(base + "/" + issued.key().id())).body(CreatedApiKey.of(issued));
	}

	Page<ApiKeyView> list(TenantScope scope, PageQuery query) {
		return this.keys.page(scope, query);
	}

	ApiKeyView get(TenantScope scope, UUID id) {
		return this.keys.list(scope)
			.stream()
			.filter((key) -> key.id().equals(id))
			.findFirst()
			.orElseThrow(() -> ProblemException.notFound("API key"));
	}

	ResponseEntity<Void> revoke(TenantScope scope, UUID id) {
		Optional<ApiKeyView> revoked = this.keys.revoke(scope, id);
		if (revoked.isEmpty()) {
			throw ProblemException.notFound("API key");
		}
		return ResponseEntity.noContent().build();
	}

	ResponseEntity<CreatedApiKey> rotate(TenantScope scope, UUID id, RotateRequest request, String base) {
		long graceSeconds = (request != null && request.graceSeconds() != null) ? request.graceSeconds()
				: DEFAULT_GRACE_SECONDS;
		KeyRotation rotation = this.keys.rotate(scope, id, Duration.ofSeconds(graceSeconds));
		return switch (rotation) {
			case KeyRotation.Rotated rotated ->
				ResponseEntity.created(URI.create(base + "/" + rotated.successor().key().id()))
					.body(CreatedApiKey.of(rotated.successor()));
			case KeyRotation.NotFound notFound -> throw ProblemException.notFound("API key");
			case KeyRotation.NotUsable notUsable -> throw ProblemException.conflict(notUsable.reason());
		};
	}

	private static Set<ApiKeyScope> scopes(List<String> values) {
		Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
		List<FieldProblem> errors = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			Optional<ApiKeyScope> scope = ApiKeyScope.of(value);
			if (scope.isPresent()) {
				scopes.add(scope.get());
			}
			else {
				errors.add(new FieldProblem("scopes[" + i + "]",
						"must be one of " + ApiKeyScope.all().stream().map(ApiKeyScope::value).toList()));
			}
		}
		if (!errors.isEmpty()) {
			throw ProblemException.invalid(errors);
		}
		return scopes;
	}

	/**
	 * @param name a label for people
	 * @param scopes what the key may do: events:write, config:read, config:write,
	 * notifications:read, replays:write, keys:admin
	 * @param expiresAt when the key stops working; never when absent
	 */
	record CreateApiKeyRequest(@NotBlank @Size(max = 200) String name,
			@NotEmpty @Size(max = 16) List<@NotNull @Size(max = 32) String> scopes, Instant expiresAt) {
	}

	/**
	 * @param graceSeconds how long the old key keeps working (0 to 30 days); one hour
	 * when absent
	 */
	record RotateRequest(@Min(0) @Max(2_592_000) Long graceSeconds) {
	}

	/**
	 * A key just issued: {@code apiKey} is its full text, shown this once.
	 */
	record CreatedApiKey(UUID id, String prefix, String name, List<String> scopes, Instant createdAt, Instant expiresAt,
			String apiKey) {

		static CreatedApiKey of(IssuedApiKey issued) {
			ApiKeyView key = issued.key();
			return new CreatedApiKey(key.id(), key.prefix(), key.name(), key.scopes(), key.createdAt(), key.expiresAt(),
					issued.secret());
		}

		@Override
		public String toString() {
			return "CreatedApiKey[" + this.prefix + "]";
		}

	}

}
