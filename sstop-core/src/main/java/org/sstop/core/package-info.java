/**
 * sstop's engine. Embed it through {@link org.sstop.core.NetMonitor}: pull immutable
 * {@link org.sstop.core.Snapshot}s with {@code sample()}, or have them pushed to a
 * {@link org.sstop.core.SnapshotListener} on a thread the monitor owns.
 */
package org.sstop.core;
