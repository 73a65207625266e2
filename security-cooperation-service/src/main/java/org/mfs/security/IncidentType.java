package org.mfs.security;

/** Kinds of security incidents and seizures around the mineral supply chain. */
public enum IncidentType {
    ATTACK_ON_MINE_SITE, ILLEGAL_MINING, SMUGGLING_SEIZURE, BORDER_INTERCEPTION, ARMED_GROUP_TAXATION, OTHER
}
