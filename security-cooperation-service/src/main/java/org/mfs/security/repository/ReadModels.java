package org.mfs.security.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Lookups in the local read models of other services' data (agreements, sites), built from their events. */
@ApplicationScoped
public class ReadModels {

    private final EntityManager em;

    public ReadModels(EntityManager em) {
        this.em = em;
    }

    /** The agreement's latest known status, empty when no event about it has arrived. */
    public Optional<String> agreementStatus(UUID agreementId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select status from agreement_ref where id = :id")
                .setParameter("id", agreementId).getResultList();
        return rows.stream().findFirst();
    }

    /** Which of the ids are known sites. */
    public Set<UUID> knownSites(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("select id from site_ref where id in (:ids)")
                .setParameter("ids", ids).getResultList();
        return new HashSet<>(rows);
    }
}
