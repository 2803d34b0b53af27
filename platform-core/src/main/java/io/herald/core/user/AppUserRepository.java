package io.herald.core.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AppUserRepository extends JpaRepository<AppUser, UUID> {

	Optional<AppUser> findByUsername(String username);

	List<AppUser> findAllByTenantIdOrderByUsernameAsc(UUID tenantId);

	List<AppUser> findAllByOrderByUsernameAsc();

}
