package io.herald.core.template;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.channel.Channel;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
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

	/**
	 * A keyset page of the newest versions, by (name, channel, locale) after the one
	 * given ('' first).
	 */
	@Query(value = """
			SELECT t.* FROM template t
			WHERE t.tenant_id = :tenantId AND (t.name, t.channel, t.locale) > (:name, :channel, :locale)
			  AND t.version = (SELECT max(o.version) FROM template o WHERE o.tenant_id = t.tenant_id
			                   AND o.name = t.name AND o.channel = t.channel AND o.locale = t.locale)
			ORDER BY t.name, t.channel, t.locale LIMIT :limit""", nativeQuery = true)
	List<Template> pageLatest(UUID tenantId, String name, String channel, String locale, int limit);

	/**
	 * A keyset page of the versions of a name, by (channel, locale, version) after the
	 * one given; a channel or locale of '' means any.
	 */
	@Query(value = """
			SELECT * FROM template
			WHERE tenant_id = :tenantId AND name = :name
			  AND (:channel = '' OR channel = :channel) AND (:locale = '' OR locale = :locale)
			  AND (channel, locale, version) > (:afterChannel, :afterLocale, :afterVersion)
			ORDER BY channel, locale, version LIMIT :limit""", nativeQuery = true)
	List<Template> pageVersions(UUID tenantId, String name, String channel, String locale, String afterChannel,
			String afterLocale, int afterVersion, int limit);

	/**
	 * A keyset page of the versions of one name, channel and locale, newest first, before
	 * the version given (the unique key (tenant, name, channel, locale, version) serves
	 * it).
	 */
	@Query(value = """
			SELECT * FROM template
			WHERE tenant_id = :tenantId AND name = :name AND channel = :channel AND locale = :locale
			  AND version < :beforeVersion
			ORDER BY version DESC LIMIT :limit""", nativeQuery = true)
	List<Template> pageHistory(UUID tenantId, String name, String channel, String locale, int beforeVersion, int limit);

	@Query("select distinct new io.herald.core.template.TemplateVariant(t.channel, t.locale) from Template t"
			+ " where t.tenantId = :tenantId and t.name = :name")
	List<TemplateVariant> findVariants(UUID tenantId, String name);

	Optional<Template> findByTenantIdAndNameAndChannelAndLocaleAndVersion(UUID tenantId, String name, Channel channel,
			String locale, int version);

	/** Whether a subscription (enabled or not) renders the name on the channel. */
	@Query(value = "SELECT EXISTS (SELECT 1 FROM subscription WHERE tenant_id = :tenantId AND template_name = :name"
			+ " AND channel = :channel)", nativeQuery = true)
	boolean isSubscribed(UUID tenantId, String name, String channel);

	/** Whether a notification was rendered from a version of the variant. */
	@Query(value = """
			SELECT EXISTS (SELECT 1 FROM notification n JOIN template t ON t.tenant_id = n.tenant_id AND t.id = n.template_id
			               WHERE t.tenant_id = :tenantId AND t.name = :name AND t.channel = :channel
			                 AND t.locale = :locale)""",
			nativeQuery = true)
	boolean isInHistory(UUID tenantId, String name, String channel, String locale);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from Template t where t.tenantId = :tenantId and t.name = :name and t.channel = :channel"
			+ " and t.locale = :locale")
	int deleteVariant(UUID tenantId, String name, Channel channel, String locale);

}
