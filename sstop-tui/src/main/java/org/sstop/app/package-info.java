/**
 * The {@code sstop} command: argument parsing, the headless JSON Lines and CSV writers, the
 * backend report, and the hand-over to the terminal UI. It holds no measurement logic: everything
 * comes from {@link org.sstop.core.NetMonitor}.
 */
package org.sstop.app;
