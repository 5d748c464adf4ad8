/**
 * Linux backends over {@code /proc}: the {@link org.sstop.linux.procfs.ProcProcessMapper} (socket
 * inodes to processes through {@code /proc/<pid>/fd}, process descriptions) and the
 * {@link org.sstop.linux.procfs.ProcInterfaceSource} (interface counters from
 * {@code /proc/net/dev}), each with its provider named {@code linux-procfs}. The parsers
 * ({@link org.sstop.linux.procfs.ProcStat}, {@link org.sstop.linux.procfs.ProcStatus},
 * {@link org.sstop.linux.procfs.SocketLink}, {@link org.sstop.linux.procfs.NetDev},
 * {@link org.sstop.linux.procfs.Passwd}, {@link org.sstop.linux.procfs.ProcText}) are pure
 * functions over the files' bytes or text.
 */
package org.sstop.linux.procfs;
