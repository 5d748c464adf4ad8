package org.sstop.tui.state;

import java.util.HashSet;
import java.util.Set;
import org.sstop.api.ContainerInfo;
import org.sstop.core.HostStats;
import org.sstop.core.UserStats;
import org.sstop.tui.text.Sanitizer;

/**
 * The keys that change what the main views show for {@link Update}: switching views, opening a
 * row, the process tree and its folds, the groups view's roll-up. Pure functions of the state.
 */
final class Navigation {

    /** Longest filter text a row opens with (the search line's own limit). */
    private static final int MAX_FILTER = 200;

    private Navigation() {
    }

    static UiState switchTo(UiState s, View v) {
        return Cursors.relocate(s.with(b -> {
            b.view = v;
            if (v != View.DETAIL) {
                b.back = v;
            }
        }), v);
    }

    static UiState back(UiState s) {
        if (s.view() == View.DETAIL) {
            return switchTo(s, s.back());
        }
        if (s.view() != View.PROCESSES) {
            return switchTo(s, View.PROCESSES);
        }
        if (!s.filter().isEmpty()) {
            return Cursors.relocateAll(s.with(b -> b.filter = ""));
        }
        return s;
    }

    /** {@code t}: the process table as a tree or flat; the selected process stays selected. */
    static UiState tree(UiState s) {
        UiState t = s.with(b -> b.tree = !b.tree);
        return s.view() == View.PROCESSES ? Cursors.relocate(t, View.PROCESSES) : Cursors.relocateAll(t);
    }

    /** {@code x}: in the tree, folds the selected process's children away, or unfolds them. */
    static UiState fold(UiState s) {
        if (!s.tree() || s.view() != View.PROCESSES) {
            return s;
        }
        int i = s.procs().index();
        TreeNode node = s.rows().treeNode(i);
        if (node == null || !node.rolledUp()) {
            return s;
        }
        int pid = s.rows().processes().get(i).pid();
        Set<Integer> folded = new HashSet<>(s.folded());
        if (!folded.remove(pid)) {
            folded.add(pid);
        }
        return Cursors.relocate(s.with(b -> b.folded = folded), View.PROCESSES);
    }

    /** {@code X}: in the tree, folds every parent on screen when none is folded, else unfolds them all. */
    static UiState foldAll(UiState s) {
        if (!s.tree() || s.view() != View.PROCESSES) {
            return s;
        }
        Set<Integer> folded = new HashSet<>();
        if (s.folded().isEmpty()) {
            for (int i = 0; i < s.rows().processes().size(); i++) {
                if (s.rows().treeNode(i).rolledUp()) {
                    folded.add(s.rows().processes().get(i).pid());
                }
            }
        }
        return Cursors.relocate(s.with(b -> b.folded = folded), View.PROCESSES);
    }

    /** {@code u}: the groups view by user, or back by container and service; from another view, the groups by user. */
    static UiState groupsByUser(UiState s) {
        if (s.view() == View.GROUPS) {
            return Cursors.relocate(s.with(b -> b.groupsByUser = !b.groupsByUser), View.GROUPS);
        }
        return switchTo(s.with(b -> b.groupsByUser = true), View.GROUPS);
    }

    /** Opens the selected row: a process (or the first process of a host or listen entry) in detail. */
    static UiState open(UiState s) {
        if (s.view() == View.GROUPS) {
            return openGroup(s);
        }
        int pid = selectedPid(s);
        if (pid <= 0 || s.view() == View.DETAIL || s.rows().process(pid) == null) {
            return s;
        }
        return s.with(b -> {
            b.view = View.DETAIL;
            b.detailPid = pid;
            b.conns = Cursor.TOP;
        });
    }

    /**
     * A group's processes: the process table filtered by the group's id (or unit, for a service),
     * or for a user by {@code user="NAME"} (the whole name: {@code root} is not {@code rootless};
     * quoted, so a name with spaces stays one term).
     */
    private static UiState openGroup(UiState s) {
        int i = s.groups().index();
        String key;
        if (s.rows().byUser()) {
            if (i >= s.rows().users().size()) {
                return s;
            }
            UserStats u = s.rows().users().get(i);
            String name = Sanitizer.clean(u.user()).replace("\"", "");
            key = name.isEmpty() ? "user=" + u.uid() : "user=\"" + name + "\"";
        } else {
            if (i >= s.rows().groups().size()) {
                return s;
            }
            ContainerInfo c = s.rows().groups().get(i).container();
            key = Sanitizer.clean(c.id() != null ? c.id() : c.unit() != null ? c.unit() : c.name());
        }
        String filter = key.length() > MAX_FILTER ? key.substring(0, MAX_FILTER) : key;
        return Cursors.relocateAll(switchTo(s, View.PROCESSES).with(b -> b.filter = filter));
    }

    /** The pid the current row stands for, or -1. */
    static int selectedPid(UiState s) {
        if (s.view() == View.DETAIL) {
            return s.detailPid();
        }
        int i = s.cursor(s.view()).index();
        Rows rows = s.rows();
        if (i >= rows.size(s.view())) {
            return -1;
        }
        return switch (s.view()) {
            case PROCESSES -> rows.processes().get(i).pid();
            case HOSTS -> {
                HostStats h = rows.hosts().get(i);
                yield h.pids().isEmpty() ? -1 : h.pids().get(0);
            }
            case GROUPS -> -1;
            default -> rows.listen().get(i).pid();
        };
    }
}
