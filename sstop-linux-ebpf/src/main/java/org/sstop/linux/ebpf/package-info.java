/**
 * The eBPF tier: exact per-process and per-socket byte counters, counted in the kernel by a BPF
 * program that sstop assembles, loads and attaches itself (no compiler, libbpf or headers).
 */
package org.sstop.linux.ebpf;
