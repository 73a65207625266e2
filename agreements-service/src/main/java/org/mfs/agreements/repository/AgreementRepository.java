package org.mfs.agreements.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.mfs.agreements.Agreement;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<Agreement, UUID> {
}
