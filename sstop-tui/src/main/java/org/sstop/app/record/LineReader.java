package org.sstop.app.record;

import java.io.IOException;
import java.io.InputStream;

/** Reads lines as bytes from its own buffer (not a byte at a time), bounded, counting the bytes consumed. */
final class LineReader {

    /** A line longer than {@link Recording#MAX_LINE_BYTES}. */
    static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[1 << 14];
    private long position;
    private boolean unterminated;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null at the end of the stream; a last line without an end counts. */
    byte[] next() throws IOException {
        int length = 0;
        unterminated = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    if (length == 0) {
                        return null;
                    }
                    unterminated = true;
                    return java.util.Arrays.copyOf(line, length);
                }
                pos = 0;
                limit = n;
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            if (length + chunk > Recording.MAX_LINE_BYTES) {
                throw new TooLongException();
            }
            if (length + chunk > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(Recording.MAX_LINE_BYTES, Math.max(length + chunk, 2 * line.length)));
            }
            System.arraycopy(buf, start, line, length, chunk);
            length += chunk;
            position += chunk;
            if (pos < limit) { // the end of the line
                pos++;
                position++;
                return java.util.Arrays.copyOf(line, length);
            }
        }
    }

    /** Skips forward to {@code target} (at or after {@link #position()}). */
    void skipTo(long target) throws IOException {
        long need = target - position;
        int buffered = limit - pos;
        if (need <= buffered) {
            pos += (int) need;
        } else {
            pos = limit;
            in.skipNBytes(need - buffered);
        }
        position = target;
    }

    /** Bytes consumed by the lines returned so far (the next line starts here). */
    long position() {
        return position;
    }

    boolean endedWithoutNewline() {
        return unterminated;
    }

    /** Whether a line holds only spaces, tabs or a carriage return. */
    static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
