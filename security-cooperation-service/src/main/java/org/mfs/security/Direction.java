package org.mfs.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether an indicator improves by going up (personnel trained) or down (incidents near mine sites). */
@Schema(name = "SecurityIndicatorDirection")
public enum Direction {
    INCREASE, DECREASE
}
