/**
 * The {@code linux-packet} flow counter: transport payload per flow counted from an
 * {@code AF_PACKET} {@code TPACKET_V3} ring of header-only frames, with a pure frame parser, a
 * bounded primitive flow table and this host's address set to tell local from forwarded traffic.
 */
package org.sstop.linux.procfs.packet;
