package io.herald.core.recipient;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A recipient's profile, replaced as a whole by an upsert. Lists hold no commas or
 * spaces: they are stored in one text column each.
 */
public record RecipientProfile(@Email @Size(max = 320) String email,
		@Pattern(regexp = "\\+?[0-9][0-9 ().-]{2,30}",
				message = "must be a phone number such as +4915112345678") @Size(max = 32) String phone,
		@Size(max = 20) List<@Size(min = 1, max = 4096) @Pattern(regexp = "[^,\\s]+",
				message = "must not contain commas or spaces") String> pushTokens,
		@Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
				message = "must be a language tag such as en or pt-BR") String locale,
		@Size(max = 64) String timeZone, @Valid OptOut optOut) {

	/**
	 * What the recipient does not want: whole channels, or single event types.
	 */
	public record OptOut(@Size(max = 3) List<@Size(max = 16) String> channels, @Size(max = 200) List<@Size(min = 1,
			max = 200) @Pattern(regexp = "[^,]+", message = "must not contain commas") String> eventTypes) {
	}

}
