/**
 * The Linux {@code NETLINK_SOCK_DIAG} socket source ({@code linux-netlink}): TCP and UDP sockets,
 * IPv4 and IPv6, with TCP payload byte counters from {@code tcp_info} and final counters of closed
 * TCP connections from the sock_diag destroy notifications. {@link
 * org.sstop.linux.netlink.SockDiagParser} is the pure parser; the I/O is a thin JNA layer.
 */
package org.sstop.linux.netlink;
