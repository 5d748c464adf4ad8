package org.sstop.tui.view;

import org.sstop.core.ListenEntry;
import org.sstop.core.SocketStats;
import org.sstop.tui.net.ServiceTable;
import org.sstop.tui.text.Sanitizer;

/** The service column of the connection and listen views. */
final class Services {

    private Services() {
    }

    /** A connection's service: the remote port's name, else the local port's ("" when neither has one). */
    static String of(ServiceTable table, SocketStats c) {
        String r = c.remote().port() == 0 ? "" : table.name(c.protocol(), c.remote().port());
        // The table keeps only safe names; cleaning them again costs a scan and guards the view on its own.
        return Sanitizer.clean(r.isEmpty() ? table.name(c.protocol(), c.local().port()) : r);
    }

    /** A listening socket's service: its port's name, or "". */
    static String of(ServiceTable table, ListenEntry e) {
        return Sanitizer.clean(table.name(e.protocol(), e.local().port()));
    }
}
