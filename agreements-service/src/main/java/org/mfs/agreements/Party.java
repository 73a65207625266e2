package org.mfs.agreements;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** A country that is party to an agreement, with its role. */
@Embeddable
public class Party {

    @Column(name = "country", nullable = false, length = 2)
    public String country;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    public PartyRole role;

    protected Party() {
    }

    public Party(String country, PartyRole role) {
        this.country = country;
        this.role = role;
    }
}
