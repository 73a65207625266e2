package org.mfs.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Kinds of security incidents and seizures around the mineral supply chain. */
@Schema(name = "SecurityIncidentType")
public enum IncidentType {
    ATTACK_ON_MINE_SITE, ILLEGAL_MINING, SMUGGLING_SEIZURE, BORDER_INTERCEPTION, ARMED_GROUP_TAXATION, OTHER
}
