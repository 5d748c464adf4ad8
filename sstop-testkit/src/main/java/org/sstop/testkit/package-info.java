/**
 * Test scaffolding shared by sstop's modules, used in test scope only (never shipped):
 * {@link org.sstop.testkit.CiAssume} skips a test whose machine lacks something, except on CI,
 * where that fails it; {@link org.sstop.testkit.Host} says what the machine is;
 * {@link org.sstop.testkit.KernelSockets} reads the kernel's own view of sockets and moves exact
 * byte counts; {@link org.sstop.testkit.TestNetwork} builds a veth pair to a peer network
 * namespace, unique per test run, and removes it again. Depends on the JDK and JUnit's API only.
 */
package org.sstop.testkit;
