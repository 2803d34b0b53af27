package io.herald.core.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands every connection out with the current thread's {@link RowSecurity} scope in its
 * session settings ({@code herald.tenant_id}, {@code herald.bypass_rls}). Spring takes
 * one connection per transaction, so this is the one place where the tenant of a
 * transaction reaches PostgreSQL, whether JPA, JdbcClient or a plain statement asks. The
 * settings are session settings, not transaction-local ones, so that statements outside a
 * transaction (autocommit) are scoped too; every hand-out rewrites them, so a connection
 * never carries its previous borrower's tenant. A connection that was never scoped is
 * handed out as it is: the worker, which enters no scope, pays no round trip.
 */
public class RowSecurityDataSource extends DelegatingDataSource {

	private static final String SET_SCOPE = "select set_config('herald.tenant_id', ?, false), "
			+ "set_config('herald.bypass_rls', ?, false)";

	/** physical connections whose settings are not empty */
	private final Set<Connection> scoped = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	public RowSecurityDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return scope(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return scope(super.getConnection(username, password));
	}

	private Connection scope(Connection connection) throws SQLException {
		RowSecurity.Scope scope = RowSecurity.current();
		Connection physical = connection.unwrap(Connection.class);
		if (scope == null && !this.scoped.contains(physical)) {
			return connection;
		}
		try (PreparedStatement statement = connection.prepareStatement(SET_SCOPE)) {
			statement.setString(1, (scope != null) ? scope.tenantSetting() : "");
			statement.setString(2, (scope != null) ? scope.bypassSetting() : "");
			statement.execute();
			if (!connection.getAutoCommit()) {
				// a rollback would take session settings back: keep them apart from the
				// work
				connection.commit();
			}
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
		if (scope != null) {
			this.scoped.add(physical);
		}
		else {
			this.scoped.remove(physical);
		}
		return connection;
	}

}
