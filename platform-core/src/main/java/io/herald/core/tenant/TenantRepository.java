package io.herald.core.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TenantRepository extends JpaRepository<Tenant, UUID> {

	Optional<Tenant> findBySlug(String slug);

	boolean existsBySlug(String slug);

	List<Tenant> findAllByOrderBySlugAsc();

	/** A keyset page by slug, after the one given ('' first). */
	@Query(value = "SELECT * FROM tenant WHERE slug > :after ORDER BY slug LIMIT :limit", nativeQuery = true)
	List<Tenant> pageBySlug(String after, int limit);

}
