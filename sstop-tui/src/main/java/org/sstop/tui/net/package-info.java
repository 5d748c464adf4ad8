/** Names of network things the terminal UI shows: services (ports) from {@code /etc/services}. */
package org.sstop.tui.net;
