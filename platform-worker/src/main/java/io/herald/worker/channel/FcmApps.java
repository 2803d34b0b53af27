package io.herald.worker.channel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import org.springframework.beans.factory.DisposableBean;

/**
 * One {@link FirebaseApp} per tenant service account, created on first use and kept,
 * named by a hash of the service-account JSON (so a changed key gets a new app). All apps
 * share one HTTP transport, which sends requests for {@code https://fcm.googleapis.com}
 * to {@code herald.channels.fcm.base-url} when that is set elsewhere; the OAuth token
 * endpoint is the service account's own {@code token_uri}.
 */
final class FcmApps implements DisposableBean {

	static final String FCM_URL = "https://fcm.googleapis.com";

	/**
	 * Bounded; an evicted app is deleted (its threads and token refresh stop). The
	 * listener runs on the evicting thread so that {@link #destroy()} finishes the work.
	 */
	private final Cache<String, FirebaseApp> apps = Caffeine.newBuilder()
		.maximumSize(ProviderClients.MAX_CLIENTS)
		.expireAfterAccess(ProviderClients.IDLE_TIMEOUT)
		.executor(Runnable::run)
		.removalListener((String hash, FirebaseApp app, RemovalCause cause) -> {
			if (app != null) {
				app.delete();
			}
		})
		.build();

	/** FirebaseApp names are JVM-global; local mode runs several contexts in one JVM. */
	private final String namePrefix = "herald-" + UUID.randomUUID().toString().substring(0, 8) + "-";

	private final NetHttpTransport transport;

	private final ChannelsProperties.Fcm properties;

	FcmApps(ChannelsProperties.Fcm properties) {
		this.properties = properties;
		this.transport = transport(properties.baseUrl());
	}

	/**
	 * The messaging client for a service account.
	 * @throws IllegalArgumentException when the JSON is not a usable service account
	 */
	FirebaseMessaging messaging(String serviceAccountJson) {
		String hash = sha256(serviceAccountJson);
		FirebaseApp app = this.apps.get(hash, (key) -> initialize(key, serviceAccountJson));
		return FirebaseMessaging.getInstance(app);
	}

	private FirebaseApp initialize(String hash, String serviceAccountJson) {
		ServiceAccountCredentials serviceAccount;
		try {
			// only the service-account type: other credential types in untrusted JSON can
			// read files or call URLs
			serviceAccount = ServiceAccountCredentials.fromStream(
					new ByteArrayInputStream(serviceAccountJson.getBytes(StandardCharsets.UTF_8)),
					() -> this.transport);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException(
					"The FCM settings need a valid service account JSON: " + ex.getMessage());
		}
		if (serviceAccount.getProjectId() == null) {
			throw new IllegalArgumentException("The FCM service account JSON has no project_id");
		}
		String tokenUri = String.valueOf(serviceAccount.getTokenServerUri());
		if (this.properties.trustedTokenUris().stream().noneMatch(tokenUri::startsWith)) {
			throw new IllegalArgumentException("The FCM service account's token_uri is not trusted: " + tokenUri);
		}
		FirebaseOptions options = FirebaseOptions.builder()
			.setCredentials(serviceAccount)
			.setProjectId(serviceAccount.getProjectId())
			.setHttpTransport(this.transport)
			.setConnectTimeout(Math.toIntExact(this.properties.connectTimeout().toMillis()))
			.setReadTimeout(Math.toIntExact(this.properties.readTimeout().toMillis()))
			.build();
		return FirebaseApp.initializeApp(options, this.namePrefix + hash.substring(0, 16));
	}

	@Override
	public void destroy() {
		this.apps.invalidateAll();
		this.apps.cleanUp();
	}

	private static NetHttpTransport transport(URI baseUrl) {
		String target = baseUrl.toString().replaceAll("/+$", "");
		if (target.equals(FCM_URL)) {
			return new NetHttpTransport();
		}
		return new NetHttpTransport.Builder().setConnectionFactory((url) -> open(url, target)).build();
	}

	private static HttpURLConnection open(URL url, String target) throws IOException {
		String spec = url.toString();
		URL actual = spec.startsWith(FCM_URL + "/") ? URI.create(target + spec.substring(FCM_URL.length())).toURL()
				: url;
		return (HttpURLConnection) actual.openConnection();
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
