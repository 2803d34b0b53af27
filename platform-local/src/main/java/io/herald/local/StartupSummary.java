package io.herald.local;

/**
 * The block local mode prints when it is ready.
 */
final class StartupSummary {

	private StartupSummary() {
	}

	static String of(RunningHerald herald, boolean passwordGenerated) {
		String api = herald.apiUrl();
		String key = herald.demoApiKey();
		String password = herald.operatorPassword()
				+ (passwordGenerated
						? "   (generated, kept in "
								+ herald.dataDir().resolve("secrets").resolve(HeraldLocal.OPERATOR_PASSWORD_FILE) + ")"
						: "");
		return """

				============================================================================
				 Herald is running (local mode, started in %.1f s)

				   API            %s            (health: %s/actuator/health)
				   Console        %s
				   Operator       %s / %s
				   Demo tenant    %s
				   Demo API key   %s
				   Data dir       %s

				 Try it:
				   curl -s %s/actuator/health
				   curl -s -H 'Authorization: Bearer %s' %s/api/v1/subscriptions
				   curl -s -X POST -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\
				        -d '{"name":"UserRegistered","description":"A user signed up"}' %s/api/v1/event-types

				 Ctrl-C stops everything; data stays in the data dir (--clean starts afresh).
				============================================================================
				""".formatted(herald.startupTime().toMillis() / 1000.0, api, api, herald.consoleUrl(),
				herald.operatorUsername(), password, herald.demoTenantSlug(), key, herald.dataDir(), api, key, api, key,
				api);
	}

}
