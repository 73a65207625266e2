package org.mfs.minerals;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One stop of a corridor, in order. */
@Embeddable
public class CorridorNode {

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NodeKind kind;

    @Column(nullable = false, length = 2)
    public String country;

    @Column(nullable = false, precision = 9, scale = 6)
    public BigDecimal latitude;

    @Column(nullable = false, precision = 10, scale = 6)
    public BigDecimal longitude;

    @Column(name = "site_id")
    public UUID siteId;

    public CorridorNode() {
    }

    public CorridorNode(String name, NodeKind kind, String country, BigDecimal latitude, BigDecimal longitude, UUID siteId) {
        this.name = name;
        this.kind = kind;
        this.country = country;
        this.latitude = latitude;
        this.longitude = longitude;
        this.siteId = siteId;
    }
}
