package org.mfs.agreements;

import static org.mfs.agreements.AgreementStatus.DRAFT;
import static org.mfs.agreements.AgreementStatus.EXPIRED;
import static org.mfs.agreements.AgreementStatus.IN_FORCE;
import static org.mfs.agreements.AgreementStatus.RATIFIED;
import static org.mfs.agreements.AgreementStatus.SIGNED;
import static org.mfs.agreements.AgreementStatus.SUSPENDED;
import static org.mfs.agreements.AgreementStatus.TERMINATED;
import static org.mfs.agreements.AgreementStatus.UNDER_NEGOTIATION;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal lifecycle steps: DRAFT → UNDER_NEGOTIATION → SIGNED → RATIFIED → IN_FORCE ⇄ SUSPENDED → TERMINATED or
 * EXPIRED. An agreement may also enter into force on signature (SIGNED → IN_FORCE, common for MoUs), and may be
 * terminated (abandoned) at any step before it ends.
 */
public final class Lifecycle {

    private static final Map<AgreementStatus, Set<AgreementStatus>> NEXT = new EnumMap<>(AgreementStatus.class);

    static {
        NEXT.put(DRAFT, EnumSet.of(UNDER_NEGOTIATION));
        NEXT.put(UNDER_NEGOTIATION, EnumSet.of(SIGNED, TERMINATED));
        NEXT.put(SIGNED, EnumSet.of(RATIFIED, IN_FORCE, TERMINATED));
        NEXT.put(RATIFIED, EnumSet.of(IN_FORCE, TERMINATED));
        NEXT.put(IN_FORCE, EnumSet.of(SUSPENDED, TERMINATED, EXPIRED));
        NEXT.put(SUSPENDED, EnumSet.of(IN_FORCE, TERMINATED, EXPIRED));
        NEXT.put(TERMINATED, EnumSet.noneOf(AgreementStatus.class));
        NEXT.put(EXPIRED, EnumSet.noneOf(AgreementStatus.class));
    }

    private Lifecycle() {
    }

    public static Set<AgreementStatus> allowedFrom(AgreementStatus from) {
        return NEXT.get(from);
    }

    public static boolean allowed(AgreementStatus from, AgreementStatus to) {
        return NEXT.get(from).contains(to);
    }
}
