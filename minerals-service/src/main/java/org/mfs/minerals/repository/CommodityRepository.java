package org.mfs.minerals.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.minerals.Commodity;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class CommodityRepository implements PanacheRepositoryBase<Commodity, Long> {

    public Optional<Commodity> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
