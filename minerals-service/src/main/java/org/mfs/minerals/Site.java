package org.mfs.minerals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A mine or processing plant at a WGS84 position. */
@Entity
@Table(name = "site")
public class Site {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SiteKind kind;

    @Column(nullable = false, length = 2)
    public String country;

    public String region;

    @Column(nullable = false, precision = 9, scale = 6)
    public BigDecimal latitude;

    @Column(nullable = false, precision = 10, scale = 6)
    public BigDecimal longitude;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> commodities = new ArrayList<>();

    public String operator;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SiteStatus status;

    @Column(name = "capacity_value")
    public BigDecimal capacityValue;

    @Column(name = "capacity_unit")
    public String capacityUnit;

    @Column(name = "capacity_basis")
    public String capacityBasis;

    public String source;

    @Column(nullable = false)
    public boolean demo;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
