package org.mfs.minerals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A transport corridor: ordered nodes from mines to ports, across one or more countries. */
@Entity
@Table(name = "corridor")
public class Corridor {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> countries = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> commodities = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TransportMode mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CorridorStatus status;

    public String source;

    @Column(nullable = false)
    public boolean demo;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "corridor_node", joinColumns = @JoinColumn(name = "corridor_id"))
    @OrderColumn(name = "position")
    public List<CorridorNode> nodes = new ArrayList<>();

    /** Bounding box of the nodes, kept for SQL bbox filters. */
    @Column(name = "min_lat", nullable = false, precision = 9, scale = 6)
    public BigDecimal minLat;

    @Column(name = "max_lat", nullable = false, precision = 9, scale = 6)
    public BigDecimal maxLat;

    @Column(name = "min_lon", nullable = false, precision = 10, scale = 6)
    public BigDecimal minLon;

    @Column(name = "max_lon", nullable = false, precision = 10, scale = 6)
    public BigDecimal maxLon;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;
}
