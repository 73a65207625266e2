package org.mfs.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The kind of assistance; the first four are military, the others civilian. */
@Schema(name = "SecurityCategory")
public enum Category {
    TRAINING(true), EQUIPMENT(true), INTELLIGENCE_SHARING(true), JOINT_OPERATIONS(true),
    LAW_ENFORCEMENT_CAPACITY(false), BORDER_SECURITY(false), ANTI_SMUGGLING(false), GOVERNANCE(false);

    private final boolean military;

    Category(boolean military) {
        this.military = military;
    }

    public boolean military() {
        return military;
    }
}
