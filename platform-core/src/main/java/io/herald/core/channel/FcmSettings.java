package io.herald.core.channel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.core.error.InvalidInputException;

/**
 * PUSH through Firebase Cloud Messaging.
 *
 * @param projectId the Firebase project, from the service account
 * @param clientEmail the service account's e-mail, from the service account
 * @param serviceAccountJson the service account JSON (secret: it holds the private key)
 * @throws InvalidInputException when a field is missing or too long
 */
public record FcmSettings(String projectId, String clientEmail, String serviceAccountJson) implements ProviderSettings {

	public static final int MAX_SERVICE_ACCOUNT = 16_384;

	public static final int MAX_NAME = 320;

	public FcmSettings {
		FieldChecks checks = new FieldChecks();
		if (checks.required("serviceAccountJson", serviceAccountJson, MAX_SERVICE_ACCOUNT)) {
			if (projectId == null || projectId.isBlank()) {
				checks.problem("serviceAccountJson", "lacks project_id");
			}
			if (clientEmail == null || clientEmail.isBlank()) {
				checks.problem("serviceAccountJson", "lacks client_email");
			}
			checks.optional("serviceAccountJson", projectId, MAX_NAME);
			checks.optional("serviceAccountJson", clientEmail, MAX_NAME);
		}
		checks.throwIfAny();
	}

	@Override
	public Channel channel() {
		return Channel.PUSH;
	}

	@Override
	public String provider() {
		return "FCM";
	}

	@Override
	public Map<String, Object> masked() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("projectId", this.projectId);
		view.put("clientEmail", this.clientEmail);
		view.put("serviceAccountJson", MASK);
		return view;
	}

	@Override
	public String toString() {
		return "FcmSettings[projectId=" + this.projectId + ", clientEmail=" + this.clientEmail + "]";
	}

}
