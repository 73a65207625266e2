package org.mfs.agreements.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.agreements.Agreement;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<Agreement, UUID> {

    /** Newest first; ties broken by id so pages never overlap. */
    public java.util.List<Agreement> findPage(int page, int size) {
        return findAll(Sort.descending("createdAt").and("id")).page(Page.of(page, size)).list();
    }
}
