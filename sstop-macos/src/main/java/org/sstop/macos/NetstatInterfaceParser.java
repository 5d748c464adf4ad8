package org.sstop.macos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sstop.api.InterfaceCounters;

/**
 * Parses macOS {@code netstat -i -b -n}: a pure function over the text.
 *
 * <p>Each interface has one {@code <Link#N>} row carrying its counters, followed by one row per
 * address repeating them; only the link rows are read, so every interface counts once. The
 * address column of a link row is empty for interfaces without a hardware address (lo0, utun,
 * gif, stf), so counters are taken counting from the end of the row, at the positions the
 * header gives. A trailing {@code *} on the name means the interface is down. Names are cut to
 * the column width (5 characters in old releases, 10 in newer ones); two interfaces whose cut
 * names collide are told apart by their link number ({@code utun1#12}).
 */
final class NetstatInterfaceParser {

    private NetstatInterfaceParser() {
    }

    /**
     * Parses the interface table.
     *
     * @param text the output
     * @return one entry per interface, and the count of link rows that could not be parsed
     */
    public static ParseResult<InterfaceCounters> parse(String text) {
        int ipkts = -1;
        int ibytes = -1;
        int opkts = -1;
        int obytes = -1;
        int headerSize = 0;
        int bad = 0;
        List<String> names = new ArrayList<>();
        List<Integer> links = new ArrayList<>();
        List<long[]> counters = new ArrayList<>();
        List<Boolean> up = new ArrayList<>();
        Set<Integer> seenLinks = new HashSet<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            Tokens t = new Tokens(line);
            if (t.get(0).equals("Name")) {
                List<String> h = new ArrayList<>();
                for (int i = 0; i < t.size(); i++) {
                    h.add(t.get(i));
                }
                headerSize = h.size();
                ipkts = fromEnd(h, "Ipkts");
                ibytes = fromEnd(h, "Ibytes");
                opkts = fromEnd(h, "Opkts");
                obytes = fromEnd(h, "Obytes");
                continue;
            }
            if (t.size() < 3 || !t.get(2).startsWith("<Link#")) {
                continue; // an address row: same counters again
            }
            String link = t.get(2);
            long linkNo = link.endsWith(">") ? Endpoints.parseCount(link.substring(6, link.length() - 1)) : -1;
            int n = t.size();
            if (ibytes < 0 || obytes < 0 || linkNo < 0 || n < headerSize - 1 || n > headerSize) {
                bad++;
                continue;
            }
            long ib = Endpoints.parseCount(t.get(n - 1 - ibytes));
            long ob = Endpoints.parseCount(t.get(n - 1 - obytes));
            long ip = ipkts < 0 ? 0 : Endpoints.parseCount(t.get(n - 1 - ipkts));
            long op = opkts < 0 ? 0 : Endpoints.parseCount(t.get(n - 1 - opkts));
            if (ib < 0 || ob < 0 || ip < 0 || op < 0) {
                bad++;
                continue;
            }
            if (!seenLinks.add((int) linkNo)) {
                continue;
            }
            String name = t.get(0);
            boolean isUp = !name.endsWith("*");
            if (!isUp) {
                name = name.substring(0, name.length() - 1);
            }
            names.add(Text.clean(name));
            links.add((int) linkNo);
            counters.add(new long[] {ib, ob, ip, op});
            up.add(isUp);
        }
        Map<String, Integer> count = new HashMap<>();
        for (String s : names) {
            count.merge(s, 1, Integer::sum);
        }
        List<InterfaceCounters> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = count.get(names.get(i)) > 1 ? names.get(i) + "#" + links.get(i) : names.get(i);
            long[] c = counters.get(i);
            out.add(new InterfaceCounters(name, c[0], c[1], c[2], c[3], names.get(i).startsWith("lo"), up.get(i)));
        }
        return new ParseResult<>(out, bad);
    }

    /** The column's position counted from the end of the header (0 = last), or -1. */
    private static int fromEnd(List<String> header, String col) {
        int i = header.indexOf(col);
        return i < 0 ? -1 : header.size() - 1 - i;
    }
}
