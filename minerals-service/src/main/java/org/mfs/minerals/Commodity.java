package org.mfs.minerals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A commodity of the catalogue (aggregate root), identified on the wire and in events by its stable {@link #code}. */
@Entity
@Table(name = "commodity")
public class Commodity {

    /** Internal key used by the statistics table; never exposed. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, updatable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    public String symbol;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommodityCategory category;

    @Column(nullable = false)
    public String unit;

    @Column(name = "unit_basis", nullable = false)
    public String unitBasis;

    @Column(name = "ore_of")
    public String oreOf;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "hs_codes", nullable = false, columnDefinition = "text[]")
    public List<String> hsCodes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> listings = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> aliases = new ArrayList<>();

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
