/**
 * Linux backends over {@code /proc} and {@code AF_PACKET}, each found through its provider
 * ({@code META-INF/services}):
 *
 * <ul>
 *   <li>{@code linux-procfs} process mapper ({@link org.sstop.linux.procfs.ProcProcessMapper}):
 *       socket inodes to processes through {@code /proc/<pid>/fd}, process descriptions from
 *       {@code /proc/<pid>}, with their network namespace and the container, service or session
 *       their cgroup tells (containers named from their runtimes' files, no daemon asked);
 *   <li>{@code linux-procfs} interface source: counters from {@code /proc/net/dev};
 *   <li>{@code linux-procfs} socket source: the fallback tier, sockets listed from
 *       {@code /proc/net/{tcp,tcp6,udp,udp6}}, without byte counters;
 *   <li>{@code linux-packet} flow counter: transport payload per flow counted from an
 *       {@code AF_PACKET} {@code TPACKET_V3} ring of header-only frames.
 * </ul>
 *
 * <p>One package, so that every helper stays package-private: only the providers, the mapper
 * and the few classes sstop-bench drives directly are public. Parsers are pure functions over the
 * files' or frames' bytes; {@code Libc} is the one binding of native calls, and its
 * {@code loadError()} is the cause every provider reports when they cannot be made.
 */
package org.sstop.linux.procfs;
