package io.herald.api.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform operator's credentials for {@code /api/v1/ops/**}
 * ({@code herald.operator.*}).
 *
 * @param username operator login
 * @param password operator password; when unset the operator endpoints refuse every call
 * and a warning is logged
 */
@Validated
@ConfigurationProperties("herald.operator")
public record OperatorProperties(@NotBlank @DefaultValue("operator") String username, String password) {

	public boolean enabled() {
		return this.password != null && !this.password.isBlank();
	}

}
