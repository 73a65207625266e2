package org.mfs.minerals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MineralSiteStatus")
public enum SiteStatus {
    PLANNED, DEVELOPMENT, OPERATING, CARE_AND_MAINTENANCE, CLOSED
}
