package org.sstop.linux.procfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * systemd's unit names as they appear in cgroup paths: which path segments are units, and their
 * readable form. A unit name is at most 255 characters of {@code [A-Za-z0-9:_.\\@-]}; anything
 * else in it is escaped as {@code \xNN} (e.g. {@code dev-disk-by\x2duuid}). Pure functions.
 */
final class SystemdUnits {

    /** systemd's limit on a unit name's length. */
    static final int MAX_UNIT_LENGTH = 255;

    /** The unit types that hold processes. */
    private static final String[] PROCESS_UNIT_SUFFIXES = {".service", ".scope", ".socket", ".mount", ".swap"};

    private SystemdUnits() {
    }

    /**
     * The unit a cgroup path segment names, when it is a unit that holds processes.
     *
     * @param segment one segment of a cgroup path
     * @return the unit name ({@code nginx.service}), or null when the segment is not one
     */
    static String unit(String segment) {
        // systemd prefixes '_' to a cgroup name that would clash with the kernel's own names
        // (cg_escape): the unit is the name without it.
        String name = segment.startsWith("_") ? segment.substring(1) : segment;
        if (!isValidName(name)) {
            return null;
        }
        for (String suffix : PROCESS_UNIT_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name;
            }
        }
        return null;
    }

    /** Whether a segment ends like a slice (which groups units and holds no process itself). */
    static boolean isSlice(String segment) {
        return segment.endsWith(".slice");
    }

    /**
     * A unit's readable name: {@code \xNN} escapes of printable characters (ASCII and UTF-8
     * sequences) decoded, escapes of control characters kept as they are, so the result never
     * holds a control character the input did not.
     *
     * @param unit a valid unit name
     * @return the readable name, no longer than the unit
     */
    static String readable(String unit) {
        if (unit.indexOf('\\') < 0) {
            return unit;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(unit.length());
        for (int i = 0; i < unit.length(); i++) {
            char c = unit.charAt(i);
            int b = c == '\\' ? escapedByte(unit, i) : -1;
            if (b >= 0x20 && b != 0x7f) {
                out.write(b);
                i += 3;
            } else {
                out.write(c); // valid unit names are ASCII
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The byte an escape {@code \xNN} at {@code at} stands for, or -1 when there is none. */
    private static int escapedByte(String s, int at) {
        if (at + 3 >= s.length() || s.charAt(at + 1) != 'x') {
            return -1;
        }
        int hi = Character.digit(s.charAt(at + 2), 16);
        int lo = Character.digit(s.charAt(at + 3), 16);
        return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    }

    private static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > MAX_UNIT_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ':' || c == '_' || c == '.' || c == '\\' || c == '@' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
