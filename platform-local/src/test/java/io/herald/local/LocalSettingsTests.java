package io.herald.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSettingsTests {

	@Test
	void withoutConfigurationTheDocumentedDefaultsApply() {
		LocalSettings settings = LocalSettings.load();

		assertThat(settings.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".herald", "local"));
		assertThat(settings.clean()).isFalse();
		assertThat(settings.apiPort()).isEqualTo(8080);
		assertThat(settings.consolePort()).isEqualTo(8081);
		assertThat(settings.workerPort()).isEqualTo(8082);
		assertThat(settings.postgresPort()).isEqualTo(15432);
		assertThat(settings.redisPort()).isEqualTo(16379);
		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.operatorUsername()).isEqualTo("operator");
	}

	@Test
	void argumentsOverrideDefaultsAndCleanHasAShortForm() {
		LocalSettings settings = LocalSettings.load("--clean", "--herald.local.data-dir=/tmp/herald-x",
				"--herald.local.api-port=9080", "--herald.operator.username=root", "--herald.operator.password=pw");

		assertThat(settings.clean()).isTrue();
		assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/herald-x"));
		assertThat(settings.apiPort()).isEqualTo(9080);
		assertThat(settings.operatorUsername()).isEqualTo("root");
		assertThat(settings.operatorPassword()).isEqualTo("pw");
	}

	@Test
	void systemPropertiesAreReadWithRelaxedNames() {
		System.setProperty("herald.local.consolePort", "9081");
		try {
			assertThat(LocalSettings.load().consolePort()).isEqualTo(9081);
		}
		finally {
			System.clearProperty("herald.local.consolePort");
		}
	}

	@Test
	void aBlankOperatorPasswordMeansGenerateOne() {
		assertThat(LocalSettings.load("--herald.operator.password=").operatorPassword()).isNull();
	}

}
