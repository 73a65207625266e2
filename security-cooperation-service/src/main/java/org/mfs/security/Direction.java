package org.mfs.security;

/** Whether an indicator improves by going up (personnel trained) or down (incidents near mine sites). */
public enum Direction {
    INCREASE, DECREASE
}
