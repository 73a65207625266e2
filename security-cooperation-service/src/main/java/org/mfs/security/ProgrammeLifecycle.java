package org.mfs.security;

import static org.mfs.security.ProgrammeStatus.ACTIVE;
import static org.mfs.security.ProgrammeStatus.CANCELLED;
import static org.mfs.security.ProgrammeStatus.COMPLETED;
import static org.mfs.security.ProgrammeStatus.ON_HOLD;
import static org.mfs.security.ProgrammeStatus.PLANNED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** PLANNED → ACTIVE ⇄ ON_HOLD → COMPLETED; CANCELLED from any step before the end. COMPLETED and CANCELLED are final. */
public final class ProgrammeLifecycle {

    private static final Map<ProgrammeStatus, Set<ProgrammeStatus>> NEXT = new EnumMap<>(ProgrammeStatus.class);

    static {
        NEXT.put(PLANNED, EnumSet.of(ACTIVE, CANCELLED));
        NEXT.put(ACTIVE, EnumSet.of(ON_HOLD, COMPLETED, CANCELLED));
        NEXT.put(ON_HOLD, EnumSet.of(ACTIVE, CANCELLED));
        NEXT.put(COMPLETED, EnumSet.noneOf(ProgrammeStatus.class));
        NEXT.put(CANCELLED, EnumSet.noneOf(ProgrammeStatus.class));
    }

    private ProgrammeLifecycle() {
    }

    public static Set<ProgrammeStatus> allowedFrom(ProgrammeStatus from) {
        return NEXT.get(from);
    }

    public static boolean allowed(ProgrammeStatus from, ProgrammeStatus to) {
        return NEXT.get(from).contains(to);
    }
}
