package org.sstop.tui.state;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.sstop.core.ContainerStats;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.UserStats;
import org.sstop.tui.filter.Search;

/**
 * The groups view's rows for {@link Rows}: the containers, services and sessions, or the users,
 * that the search keeps (a plain text on their names, an expression through their processes), in
 * the engine's order (busiest first). Stateless.
 */
final class GroupRows {

    private GroupRows() {
    }

    /** The containers, services and sessions: by name, id, pod or unit, or those of the processes an expression keeps. */
    static List<ContainerStats> containers(Snapshot snapshot, Search search) {
        if (snapshot == null) {
            return List.of();
        }
        String lower = search.lower();
        if (!search.isExpression()) {
            return matching(snapshot.containers(), lower, g -> ProcessRows.inContainer(lower, g.container()));
        }
        if (search.error() != null) {
            return snapshot.containers();
        }
        Set<Object> keys = new HashSet<>();
        for (ProcessStats p : snapshot.processes()) {
            if (p.container() != null && search.passes(p)) {
                keys.add(p.container().groupKey());
            }
        }
        return matching(snapshot.containers(), lower, g -> keys.contains(g.container().groupKey()));
    }

    /** The users: by name or exactly the uid, or those of the processes an expression keeps. */
    static List<UserStats> users(Snapshot snapshot, Search search) {
        if (snapshot == null) {
            return List.of();
        }
        String lower = search.lower();
        if (!search.isExpression()) {
            return matching(snapshot.users(), lower, u -> Integer.toString(u.uid()).equals(lower)
                    || (u.user() != null && u.user().toLowerCase(Locale.ROOT).contains(lower)));
        }
        if (search.error() != null) {
            return snapshot.users();
        }
        Set<String> names = new HashSet<>();
        for (ProcessStats p : snapshot.processes()) {
            if (p.user() != null && search.passes(p)) {
                names.add(p.user());
            }
        }
        return matching(snapshot.users(), lower, u -> names.contains(u.user()));
    }

    /** The items the filter keeps, in their order; all of them (the same list) when there is no filter. */
    static <T> List<T> matching(List<T> all, String lowerFilter, Predicate<T> keep) {
        return lowerFilter.isEmpty() ? all : Collections.unmodifiableList(ProcessRows.matching(all, keep));
    }
}
