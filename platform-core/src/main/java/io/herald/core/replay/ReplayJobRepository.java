package io.herald.core.replay;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReplayJobRepository extends JpaRepository<ReplayJob, UUID> {

}
