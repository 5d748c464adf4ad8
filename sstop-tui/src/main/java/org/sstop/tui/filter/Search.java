package org.sstop.tui.filter;

import java.util.Locale;
import org.sstop.core.ProcessStats;

/**
 * The search text compiled once: empty, a plain text (matched whole, as the search always did),
 * an expression ({@link FilterParser}), or an expression with an error (which filters nothing
 * out, so that the rows stay while it is being typed). Immutable.
 *
 * @param text the text as typed
 * @param lower the text in lower case (plain matching)
 * @param expression the parsed expression, null when plain, empty or wrong
 * @param error why the expression does not parse, null when it does (or is plain)
 */
public record Search(String text, String lower, Filter expression, FilterSyntaxException error) {

    /** No search. */
    public static final Search NONE = new Search("", "", null, null);

    /**
     * Compiles a search text.
     *
     * @param text what the user typed
     * @return it compiled
     */
    public static Search of(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (!FilterParser.isExpression(text)) {
            return new Search(text, lower, null, null);
        }
        try {
            return new Search(text, lower, FilterParser.parse(text), null);
        } catch (FilterSyntaxException e) {
            return new Search(text, lower, null, e);
        }
    }

    /** Whether this is an expression (right or wrong), not a plain text. */
    public boolean isExpression() {
        return expression != null || error != null;
    }

    /** Whether a process passes an expression; true when there is none or it is wrong. */
    public boolean passes(ProcessStats p) {
        return expression == null || expression.test(p);
    }
}
