package io.herald.core.template;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.channel.Channel;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TemplateRepository extends JpaRepository<Template, UUID> {

	Optional<Template> findByIdAndTenantId(UUID id, UUID tenantId);

	Optional<Template> findTopByTenantIdAndNameAndChannelAndLocaleOrderByVersionDesc(UUID tenantId, String name,
			Channel channel, String locale);

	boolean existsByTenantIdAndName(UUID tenantId, String name);

	@Query("select coalesce(max(t.version), 0) from Template t where t.tenantId = :tenantId and t.name = :name"
			+ " and t.channel = :channel and t.locale = :locale")
	int latestVersion(UUID tenantId, String name, Channel channel, String locale);

	/** The newest version of every (name, channel, locale) of a tenant. */
	@Query("select t from Template t where t.tenantId = :tenantId and t.version = (select max(o.version) from"
			+ " Template o where o.tenantId = t.tenantId and o.name = t.name and o.channel = t.channel"
			+ " and o.locale = t.locale) order by t.name, t.channel, t.locale")
	List<Template> findLatestVersions(UUID tenantId);

}
