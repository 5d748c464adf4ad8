package org.sstop.macos;

/**
 * The whitespace-separated fields of one line, with their positions, so that a field that may
 * itself contain spaces (a process name) can be cut from the original text between two fields.
 * Splits on whitespace, never on column positions: wide numbers close the gap between columns.
 * A parser keeps one instance and points it at each line in turn ({@link #reset}), so that reading
 * a line allocates no field tables. At most {@value #MAX_TOKENS} fields are kept; not thread-safe.
 */
final class Tokens {

    private static final int MAX_TOKENS = 64;

    private final int[] start = new int[MAX_TOKENS];
    private final int[] end = new int[MAX_TOKENS];
    private String line = "";
    private int count;

    /** No line yet: no fields. */
    Tokens() {
    }

    /** The fields of one line. */
    Tokens(String line) {
        reset(line);
    }

    /** Points this instance at another line. */
    Tokens reset(String line) {
        this.line = line;
        int n = 0;
        int i = 0;
        int len = line.length();
        while (i < len && n < MAX_TOKENS) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= len) {
                break;
            }
            int s = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            start[n] = s;
            end[n] = i;
            n++;
        }
        this.count = n;
        return this;
    }

    int size() {
        return count;
    }

    String get(int i) {
        return line.substring(start[i], end[i]);
    }

    /** Where field {@code i} starts in the line. */
    int start(int i) {
        return start[i];
    }

    /** The original text from the start of field {@code i} to the end of the line, trailing blanks removed. */
    String rest(int i) {
        return line.substring(start[i]).stripTrailing();
    }

    /** The original text from the start of field {@code from} to the end of field {@code to}, inclusive. */
    String span(int from, int to) {
        return line.substring(start[from], end[to]);
    }
}
