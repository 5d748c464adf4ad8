/**
 * Alerts: rules in the filter language with an optional {@code for DURATION}
 * ({@link org.sstop.tui.alert.AlertRule}), stepped per sample over every process
 * ({@link org.sstop.tui.alert.AlertBook}), and the command run once per breach
 * ({@link org.sstop.tui.alert.AlertExec}). The terminal UI and the headless loop share them.
 */
package org.sstop.tui.alert;
