package dev.hotline.sample.clinic;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OwnerRepository extends JpaRepository<Owner, Long> {

    /** The slow query: counts an owner's past visits by scanning the whole visit history (no index to help). */
    @Query(value = "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1500000) WHERE MOD(X * :ownerId, 97) = 1", nativeQuery = true)
    long countVisitsInHistory(@Param("ownerId") long ownerId);
}
