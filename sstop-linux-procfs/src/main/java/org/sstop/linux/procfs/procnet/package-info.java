/**
 * The {@code linux-procfs} socket source: sockets listed from {@code /proc/net/{tcp,tcp6,udp,udp6}}
 * (the fallback tier, without byte counters; the engine takes bytes from a flow counter).
 */
package org.sstop.linux.procfs.procnet;
