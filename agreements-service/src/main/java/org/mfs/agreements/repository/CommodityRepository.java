package org.mfs.agreements.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.mfs.agreements.rest.AgreementDtos.CommodityView;

/** The local read model of minerals-service's commodities. */
@ApplicationScoped
public class CommodityRepository {

    private final EntityManager em;

    public CommodityRepository(EntityManager em) {
        this.em = em;
    }

    /** Which of {@code codes} the read model knows. */
    public Set<String> known(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> found = em.createNativeQuery("select code from commodity where code in (:codes)")
                .setParameter("codes", codes).getResultList();
        return new HashSet<>(found);
    }

    public List<CommodityView> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select code, name from commodity order by code").getResultList();
        return rows.stream().map(r -> new CommodityView((String) r[0], (String) r[1])).toList();
    }
}
