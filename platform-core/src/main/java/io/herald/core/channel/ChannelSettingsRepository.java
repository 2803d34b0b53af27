package io.herald.core.channel;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ChannelSettingsRepository extends JpaRepository<ChannelSettings, ChannelSettings.Key> {

	List<ChannelSettings> findAllByTenantId(UUID tenantId);

}
