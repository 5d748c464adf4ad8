package org.sstop.core;

/** The last 5 s of traffic compared with the 5 s before: above +20 % rising, below -20 % falling. */
public enum Trend {
    /** More than 20 % up. */
    RISING,
    /** Within 20 %. */
    STABLE,
    /** More than 20 % down. */
    FALLING;

    /** Lower-case name as used in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
