package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.core.HostStats;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.UserStats;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.testing.Fixtures;

/** The groups view by user ({@code u}) and this host's own processes in the hosts view. */
class UsersAndLocalPeersTest {

    private final UiDriver ui = new UiDriver();

    @Test
    void uShowsTheGroupsByUserAndBackByContainer() {
        UiState s = ui.type(ui.start(Fixtures.family(30)), "u");
        assertEquals(View.GROUPS, s.view());
        assertTrue(s.rows().byUser());
        assertEquals(List.of("root", "www-data", Fixtures.HOSTILE), s.rows().users().stream().map(UserStats::user).toList());
        assertEquals(3, s.rows().size(View.GROUPS));
        UiState second = ui.type(s, "j");
        assertEquals(new Rows.UserKey(33), second.groups().key(), "the cursor keeps a user by uid");
        UiState containers = ui.type(second, "u");
        assertFalse(containers.rows().byUser());
        assertEquals(View.GROUPS, containers.view());
        assertEquals(0, containers.rows().size(View.GROUPS), "this snapshot has no containers");
        UiState again = ui.type(containers, "u");
        assertEquals(second.rows().users(), again.rows().users());
        assertEquals(View.PROCESSES, ui.type(again, "D").view(), "D leaves the groups view as before");
    }

    @Test
    void enterListsTheUsersProcessesThroughTheSearch() {
        UiState s = ui.send(ui.type(ui.start(Fixtures.family(30)), "uj"), Key.of(KeyKind.ENTER));
        assertEquals(View.PROCESSES, s.view());
        assertEquals("user=\"www-data\"", s.filter());
        assertNull(s.rows().filterError());
        List<ProcessStats> rows = s.rows().processes();
        assertEquals(10, rows.size());
        assertTrue(rows.stream().allMatch(p -> p.user().equals("www-data")), rows.toString());
    }

    @Test
    void theSearchFiltersTheUsersByNameUidOrTheirProcesses() {
        UiState users = ui.type(ui.start(Fixtures.family(30)), "u");
        assertEquals(List.of("www-data"), names(ui.send(ui.type(users, "/www"), Key.of(KeyKind.ENTER))));
        assertEquals(List.of("www-data"), names(ui.send(ui.type(users, "/33"), Key.of(KeyKind.ENTER))), "the uid, exactly");
        assertEquals(List.of("www-data"), names(ui.send(ui.type(users, "/pid:102"), Key.of(KeyKind.ENTER))),
                "an expression: the users of the processes it keeps (proc2 runs as www-data)");
    }

    private static List<String> names(UiState s) {
        return s.rows().users().stream().map(UserStats::user).toList();
    }

    @Test
    void loopbackPeersAreHostsRowsOfTheirOwn() {
        UiState s = ui.type(ui.start(Fixtures.withLoopback(5)), "h");
        Rows rows = s.rows();
        List<HostStats> local = rows.hosts().stream().filter(rows::isLocal).toList();
        assertEquals(3, local.size(), local.toString());
        HostStats toNginx = local.stream().filter(h -> rows.localPeer(h) != null && rows.localPeer(h).pid() == 500)
                .findFirst().orElseThrow();
        assertEquals(List.of(501), toNginx.pids(), "the client talks to nginx");
        assertEquals(512, toNginx.traffic().upRate(), "what the client sent to it");
        assertEquals(40_960, toNginx.traffic().downRate());
        assertEquals(409_600, toNginx.traffic().downBytes());
        HostStats toClient = local.stream().filter(h -> rows.localPeer(h) != null && rows.localPeer(h).pid() == 501)
                .findFirst().orElseThrow();
        assertEquals(List.of(500), toClient.pids(), "and nginx to the client");
        HostStats unseen = local.stream().filter(h -> rows.localPeer(h) == null).findFirst().orElseThrow();
        assertEquals(IpAddress.parse("::1"), unseen.address(), "an other end sstop does not see stays an address");
        assertTrue(rows.hosts().stream().filter(h -> !rows.isLocal(h)).count() >= 5, "the remote hosts stay");

        int i = rows.hosts().indexOf(toNginx);
        int j = rows.hosts().indexOf(toClient);
        assertNotEquals(rows.keyAt(View.HOSTS, i), rows.keyAt(View.HOSTS, j), "two local rows, two identities");
        assertEquals(new Rows.LocalKey(500), rows.keyAt(View.HOSTS, i));
        UiState on = Cursors.select(s, i);
        UiState next = ui.send(on, new Event.SnapshotArrived(Fixtures.withLoopback(5)));
        assertEquals(new Rows.LocalKey(500), next.hosts().key(), "the cursor stays on the peer across snapshots");
        assertEquals(501, Update.selectedPid(next), "Enter opens the process that holds the connections");

        assertEquals(3, ui.send(ui.type(s, "/local"), Key.of(KeyKind.ENTER)).rows().hosts().size(), "'local' finds them all");
        List<HostStats> nginx = ui.send(ui.type(s, "/nginx"), Key.of(KeyKind.ENTER)).rows().hosts();
        assertEquals(1, nginx.size(), "by the peer's name");
    }

    @Test
    void withoutLoopbackThereAreNoLocalRows() {
        UiState s = ui.type(ui.start(Fixtures.full(30, false)), "h");
        assertEquals(Fixtures.full(30, false).hosts().size(), s.rows().hosts().size());
        assertTrue(s.rows().hosts().stream().noneMatch(s.rows()::isLocal));
    }
}
