package io.herald.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of DESIGN.md, checked over the main classes of every module (this
 * module's test classpath holds them all).
 */
class ArchitectureTests {

	private static JavaClasses herald;

	@BeforeAll
	static void importMainClasses() {
		herald = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
			.withImportOption((location) -> !location.contains("-tests.jar"))
			.importPackages("io.herald");
	}

	@Test
	void everyModuleIsImportedAndTestHelpersAreNot() {
		for (String module : new String[] { "io.herald.core", "io.herald.api", "io.herald.worker", "io.herald.admin",
				"io.herald.local" }) {
			assertThat(herald.containPackage(module)).as(module).isTrue();
		}
		assertThat(herald.contain("io.herald.core.testing.TestServers")).isFalse();
		assertThat(herald.contain(ArchitectureTests.class)).isFalse();
	}

	@Test
	void apiDependsOnNeitherWorkerNorConsole() {
		appMustNotDependOnOtherApps("io.herald.api..", "io.herald.worker..", "io.herald.admin..");
	}

	@Test
	void workerDependsOnNeitherApiNorConsole() {
		appMustNotDependOnOtherApps("io.herald.worker..", "io.herald.api..", "io.herald.admin..");
	}

	@Test
	void consoleDependsOnNeitherApiNorWorker() {
		appMustNotDependOnOtherApps("io.herald.admin..", "io.herald.api..", "io.herald.worker..");
	}

	@Test
	void useCasesLiveInCore() {
		classes().that()
			.haveSimpleNameEndingWith("Management")
			.should()
			.resideInAPackage("io.herald.core..")
			.andShould()
			.bePublic()
			.because("the API and the console call the same use cases (DESIGN.md, decision 0010)")
			.check(herald);
	}

	@Test
	void apiAndConsoleDependOnCoreOnly() {
		for (String app : new String[] { "io.herald.api..", "io.herald.admin.." }) {
			noClasses().that()
				.resideInAPackage(app)
				.should()
				.dependOnClassesThat(
						resideInAPackage("io.herald..").and(not(resideInAnyPackage("io.herald.core..", app))))
				.because("an app reaches Herald's rules only through platform-core")
				.check(herald);
		}
	}

	@Test
	void coreKnowsNoWebKafkaOrRedissonTypes() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("io.herald.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "org.apache.kafka..",
					"org.springframework.kafka..", "org.springframework.cloud.stream..", "org.redisson..")
			.because("platform-core is the domain shared by every app (CONVENTIONS.md)");
		rule.check(herald);
	}

	@Test
	void coreDependsOnNoApp() {
		noClasses().that()
			.resideInAPackage("io.herald.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.herald.api..", "io.herald.worker..", "io.herald.admin..", "io.herald.local..")
			.check(herald);
	}

	@Test
	void packagesAreByFeatureNotByLayer() {
		noClasses().should()
			.resideInAnyPackage("..controller..", "..controllers..", "..service..", "..services..", "..repository..",
					"..repositories..", "..dto..", "..dtos..")
			.because("Herald packages by feature (tenant, subscription, delivery, ...), not by layer")
			.check(herald);
	}

	private static void appMustNotDependOnOtherApps(String app, String... others) {
		noClasses().that()
			.resideInAPackage(app)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.because("api, worker and admin-ui only meet in platform-core and the database (DESIGN.md)")
			.check(herald);
	}

}
