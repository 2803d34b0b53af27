package io.herald.core.schema;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.tenant.RowSecurity;
import io.herald.core.tenant.RowSecurityDataSource;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.CoreTestApplication;
import io.herald.core.testing.TestServers;
import io.herald.core.testing.TestServers.DatabaseLogin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Row-level security and the app roles (decision 0074), proved against the real
 * PostgreSQL with the roles the apps connect as: herald_app sees no tenant row without a
 * tenant and only its tenant's rows with one, and neither app role can truncate a table
 * or switch the audit trigger off. The fixtures are written as the owner.
 */
@SpringBootTest(classes = CoreTestApplication.class, properties = "spring.config.name=herald-core")
class RowLevelSecurityIntegrationTests {

	/** tables that hold rows of both fixture tenants, with their tenant column */
	private static final Map<String, String> FILLED = Map.of("tenant", "id", "api_key", "tenant_id", "audit_log",
			"tenant_id", "event_type", "tenant_id", "subscription", "tenant_id", "recipient", "tenant_id", "event",
			"tenant_id", "notification", "tenant_id");

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.registerPostgres(registry, DatabaseLogin.OWNER);
	}

	@Value("${spring.datasource.url}")
	String url;

	@Autowired
	TenantManagement tenants;

	@Autowired
	JdbcTemplate owner;

	UUID tenantA;

	UUID tenantB;

	@BeforeEach
	void twoTenantsWithRows() {
		this.tenantA = tenantWithRows();
		this.tenantB = tenantWithRows();
	}

	@Test
	void everyTableWithATenantColumnHasRowLevelSecurityForcedWithAPolicy() {
		List<String> tenantTables = this.owner.queryForList("select c.table_name from information_schema.columns c"
				+ " join information_schema.tables t using (table_schema, table_name) where c.table_schema = 'public'"
				+ " and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'", String.class);
		assertThat(tenantTables).contains("notification", "audit_log", "event", "recipient", "app_user");
		List<String> unprotected = this.owner.queryForList(
				"select relname from pg_class where relnamespace ="
						+ " 'public'::regnamespace and relname = any(?) and not (relrowsecurity and relforcerowsecurity"
						+ " and exists (select 1 from pg_policy p where p.polrelid = pg_class.oid))",
				String.class, (Object) withTenantTable(tenantTables).toArray(String[]::new));
		assertThat(unprotected).isEmpty();
	}

	@Test
	void withoutATenantTheAppRoleSeesNoRowOfAnyTenantTable() throws SQLException {
		List<String> tables = rowSecuredTables();
		FILLED.forEach((table,
				column) -> assertThat(this.owner.queryForObject(
						"select count(*) from " + table + " where " + column + " = ?", Long.class, this.tenantA))
					.as(table)
					.isPositive());
		try (Connection app = login(DatabaseLogin.APP)) {
			app.setAutoCommit(false);
			for (String table : tables) {
				assertThat(count(app, "select count(*) from " + table)).as(table).isZero();
			}
			app.rollback();
		}
	}

	@Test
	void withATenantTheAppRoleSeesOnlyThatTenantsRowsAndCannotWriteAnothersRows() throws SQLException {
		try (Connection app = login(DatabaseLogin.APP)) {
			app.setAutoCommit(false);
			execute(app, "select set_config('herald.tenant_id', '" + this.tenantA + "', true)");
			for (Map.Entry<String, String> table : FILLED.entrySet()) {
				String from = "select count(*) from " + table.getKey() + " where " + table.getValue();
				assertThat(count(app, from + " = '" + this.tenantA + "'")).as(table.getKey()).isPositive();
				assertThat(count(app, from + " <> '" + this.tenantA + "'")).as(table.getKey()).isZero();
			}
			assertThat(count(app, "select count(*) from tenant")).isOne();
			try (Statement statement = app.createStatement()) {
				assertThat(statement
					.executeUpdate("update recipient set locale = 'fr' where tenant_id = '" + this.tenantB + "'"))
					.isZero();
			}
			assertThatThrownBy(() -> execute(app,
					"insert into recipient (id, tenant_id, external_id, created_at," + " updated_at) values ('"
							+ UUID.randomUUID() + "', '" + this.tenantB + "', 'x', now(), now())"))
				.hasMessageContaining("row-level security");
			app.rollback();
		}
	}

	@Test
	void noAppRoleCanTruncateATableOrSwitchTheAuditTriggerOff() throws SQLException {
		for (DatabaseLogin login : List.of(DatabaseLogin.APP, DatabaseLogin.WORKER)) {
			try (Connection connection = login(login)) {
				assertThatThrownBy(() -> execute(connection, "truncate audit_log")).as(login.role())
					.isInstanceOfSatisfying(SQLException.class, (ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"))
					.hasMessageContaining("permission denied");
				assertThatThrownBy(() -> execute(connection, "truncate notification, event cascade")).as(login.role())
					.hasMessageContaining("permission denied");
				assertThatThrownBy(
						() -> execute(connection, "alter table audit_log disable trigger audit_log_no_change"))
					.as(login.role())
					.hasMessageContaining("must be owner");
				assertThatThrownBy(() -> execute(connection, "alter table audit_log disable row level security"))
					.as(login.role())
					.hasMessageContaining("must be owner");
				assertThatThrownBy(() -> execute(connection, "update audit_log set actor = 'mallory'")).as(login.role())
					.hasMessageContaining("permission denied");
			}
		}
		assertThat(this.owner.queryForObject("select count(*) from audit_log where tenant_id = ?", Long.class,
				this.tenantA))
			.isPositive();
	}

	@Test
	void theWorkerRoleSeesEveryTenantWithoutASetting() throws SQLException {
		try (Connection worker = login(DatabaseLogin.WORKER)) {
			assertThat(count(worker, "select count(*) from recipient where tenant_id in ('" + this.tenantA + "', '"
					+ this.tenantB + "')"))
				.isEqualTo(2);
		}
	}

	@Test
	void rowSecurityDataSourceScopesEveryConnectionItHandsOutAndClearsThePreviousScope() {
		SingleConnectionDataSource connection = new SingleConnectionDataSource(this.url, DatabaseLogin.APP.role(),
				DatabaseLogin.APP.role(), true);
		try {
			// one physical connection, handed out again and again as a pool would
			JdbcTemplate app = new JdbcTemplate(new RowSecurityDataSource(connection));
			String recipients = "select count(*) from recipient where tenant_id in (?, ?)";
			assertThat(RowSecurity.forTenant(this.tenantA,
					() -> app.queryForObject(recipients, Long.class, this.tenantA, this.tenantB)))
				.isOne();
			assertThat(app.queryForObject(recipients, Long.class, this.tenantA, this.tenantB)).isZero();
			assertThat(RowSecurity.acrossTenants("test",
					() -> app.queryForObject(recipients, Long.class, this.tenantA, this.tenantB)))
				.isEqualTo(2);
			assertThat(app.queryForObject(recipients, Long.class, this.tenantA, this.tenantB)).isZero();
		}
		finally {
			connection.destroy();
		}
	}

	private UUID tenantWithRows() {
		UUID tenant = this.tenants.create("r" + UUID.randomUUID().toString().substring(0, 8), "RLS", Actor.SYSTEM)
			.tenant()
			.getId();
		UUID type = UUID.randomUUID();
		UUID subscription = UUID.randomUUID();
		this.owner.update("insert into event_type (id, tenant_id, name, created_at, updated_at)"
				+ " values (?, ?, 'UserRegistered', now(), now())", type, tenant);
		this.owner.update(
				"insert into subscription (id, tenant_id, event_type_id, template_name, channel,"
						+ " created_at, updated_at) values (?, ?, ?, 'welcome', 'WEBHOOK', now(), now())",
				subscription, tenant, type);
		this.owner.update("insert into recipient (id, tenant_id, external_id, created_at, updated_at)"
				+ " values (?, ?, 'user-1', now(), now())", UUID.randomUUID(), tenant);
		this.owner.update("insert into event (tenant_id, event_id, type, source, received_at)"
				+ " values (?, 'e-1', 'UserRegistered', 's', now())", tenant);
		this.owner.update(
				"insert into notification (id, tenant_id, event_id, event_type, subscription_id, channel,"
						+ " recipient, status, created_at, updated_at)"
						+ " values (?, ?, 'e-1', 'UserRegistered', ?, 'WEBHOOK', 'r', 'PENDING', now(), now())",
				UUID.randomUUID(), tenant, subscription);
		return tenant;
	}

	private List<String> rowSecuredTables() {
		List<String> tables = this.owner
			.queryForList("select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'"
					+ " and relrowsecurity order by relname", String.class);
		assertThat(tables).containsAll(FILLED.keySet());
		return tables;
	}

	private static List<String> withTenantTable(List<String> tenantTables) {
		List<String> tables = new ArrayList<>(tenantTables);
		tables.add("tenant");
		return tables;
	}

	private Connection login(DatabaseLogin login) throws SQLException {
		return DriverManager.getConnection(this.url, login.role(), login.role());
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
