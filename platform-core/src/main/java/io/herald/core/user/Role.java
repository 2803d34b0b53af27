package io.herald.core.user;

public enum Role {

	OPERATOR, TENANT_ADMIN, TENANT_VIEWER

}
