package org.sstop.macos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * names collide are told apart by their link number ({@code utun1#12}), see {@link InterfaceNames}.
 * The link column is {@code <Link#N>}, written into a 10-byte buffer: from index 100 on it prints
 * {@code <Link#100} without the closing {@code >}.
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
        return parse(text, new InterfaceNames());
    }

    /**
     * Parses the interface table, naming interfaces so that each keeps its name across reads.
     *
     * @param text the output
     * @param naming the names given at earlier reads (updated)
     * @return one entry per interface, and the count of link rows that could not be parsed
     */
    static ParseResult<InterfaceCounters> parse(String text, InterfaceNames naming) {
        int ipkts = -1;
        int ibytes = -1;
        int opkts = -1;
        int obytes = -1;
        int headerSize = 0;
        int bad = 0;
        List<InterfaceNames.Printed> printed = new ArrayList<>();
        List<long[]> counters = new ArrayList<>();
        List<Boolean> up = new ArrayList<>();
        Set<Integer> seenLinks = new HashSet<>();
        Tokens tokens = new Tokens();
        Lines lines = Lines.of(text);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Tokens t = tokens.reset(line);
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
            long linkNo = linkNumber(link);
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
            printed.add(new InterfaceNames.Printed(Text.clean(name), (int) linkNo));
            counters.add(new long[] {ib, ob, ip, op});
            up.add(isUp);
        }
        String[] names = naming.assign(printed);
        List<InterfaceCounters> out = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            long[] c = counters.get(i);
            out.add(new InterfaceCounters(names[i], c[0], c[1], c[2], c[3], printed.get(i).name().startsWith("lo"), up.get(i)));
        }
        return new ParseResult<>(out, bad + lines.overlong());
    }

    /** The N of {@code <Link#N>}, or of {@code <Link#N} (cut by netstat's 10-byte buffer from 100 on); -1 if none. */
    static long linkNumber(String field) {
        int end = field.endsWith(">") ? field.length() - 1 : field.length();
        return end <= 6 ? -1 : Endpoints.parseCount(field.substring(6, end));
    }

    /** The column's position counted from the end of the header (0 = last), or -1. */
    private static int fromEnd(List<String> header, String col) {
        int i = header.indexOf(col);
        return i < 0 ? -1 : header.size() - 1 - i;
    }
}
