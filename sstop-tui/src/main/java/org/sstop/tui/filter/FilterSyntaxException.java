package org.sstop.tui.filter;

/** A filter expression that does not parse: where, and what was expected there. Immutable. */
public final class FilterSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Character index into the expression (its length for "ended too early"). */
    private final int position;
    private final String reason;

    /**
     * @param position the character index the error is at
     * @param reason what is wrong, for the user
     */
    public FilterSyntaxException(int position, String reason) {
        super("at " + (position + 1) + ": " + reason);
        this.position = position;
        this.reason = reason;
    }

    /** The character index the error is at (the text's length when it ended too early). */
    public int position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
