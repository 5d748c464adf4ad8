package org.sstop.macos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives each interface of {@code netstat -i} a name that keeps its identity from one read to the
 * next, keyed by its link index. Older netstat cuts names to 5 characters, so two interfaces may
 * print the same name ({@code utun8} for utun8 and utun81); they are told apart by their link
 * number ({@code utun8#21}). An interface that already had a name keeps it when a second one with
 * the same cut name appears: renaming it would make the engine see a new interface and count its
 * whole lifetime counter in one tick. Owned by one interface source; not thread-safe.
 */
final class InterfaceNames {

    /** An interface row as printed: its (possibly cut) name and its link index. */
    record Printed(String name, int link) {
    }

    private record Given(String printed, String name) {
    }

    private Map<Integer, Given> byLink = new HashMap<>();

    /**
     * The names of the interfaces of one read, in order. Links seen before keep their name (unless
     * netstat now prints another name for that index: a new interface); new links take the printed
     * name when no other interface of this read has it or wants it, else {@code name#link}.
     * Links no longer listed are forgotten.
     */
    String[] assign(List<Printed> rows) {
        Map<Integer, Given> next = new HashMap<>(rows.size() * 2);
        Set<String> taken = new HashSet<>();
        for (Printed p : rows) {
            Given g = byLink.get(p.link());
            if (g != null && g.printed().equals(p.name())) {
                next.put(p.link(), g);
                taken.add(g.name());
            }
        }
        Map<String, Integer> newPerName = new HashMap<>();
        for (Printed p : rows) {
            if (!next.containsKey(p.link())) {
                newPerName.merge(p.name(), 1, Integer::sum);
            }
        }
        String[] out = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Printed p = rows.get(i);
            Given g = next.get(p.link());
            if (g == null) {
                boolean alone = newPerName.get(p.name()) == 1 && !taken.contains(p.name());
                g = new Given(p.name(), alone ? p.name() : p.name() + "#" + p.link());
                next.put(p.link(), g);
                taken.add(g.name());
            }
            out[i] = g.name();
        }
        byLink = next;
        return out;
    }
}
