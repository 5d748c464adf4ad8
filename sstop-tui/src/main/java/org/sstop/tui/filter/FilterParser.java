package org.sstop.tui.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The search's expression language:
 * {@code name:nginx}, {@code pid:1234}, {@code user:www}, {@code container:web}, {@code port:443}, {@code svc:https} (a name from
 * {@code /etc/services}),
 * {@code proto:udp}, {@code host:10.0.0.0/8}, {@code state:listen} (a socket state, or
 * {@code running}/{@code exited}), {@code up>1M}, {@code down>=500k}, {@code conns>10}, plain words
 * (matched as the search always did), combined with {@code AND} (or just a space), {@code OR},
 * {@code NOT} (also {@code &&}, {@code ||}, {@code !}; any case) and parentheses; {@code "..."}
 * quotes a value or word with spaces. Sizes take k, M, G, T (1024-based, as the screen shows them).
 *
 * <p>Text without any of that syntax is no expression ({@link #isExpression}): the search keeps
 * matching it whole, spaces included. The input is untrusted: its length, the number of terms
 * and the nesting are bounded, and every error names its position. Stateless.
 */
public final class FilterParser {

    /** Longest expression parsed. */
    public static final int MAX_LENGTH = 1_000;
    /** Deepest nesting of parentheses. */
    public static final int MAX_DEPTH = 16;
    /** Most terms and operators. */
    public static final int MAX_TOKENS = 200;

    private enum Kind { OPEN, CLOSE, AND, OR, NOT, TERM, END }

    private record Token(Kind kind, String text, int pos) {
    }

    private final List<Token> tokens;
    private int next;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * Whether the text uses the expression syntax: a known {@code key:}, a comparison of up, down
     * or conns, parentheses, quotes, {@code &&}, {@code ||}, or AND, OR, NOT in capitals. If not,
     * it is a plain search text, matched whole ("foo and bar" stays a plain text).
     */
    public static boolean isExpression(String text) {
        if (text.indexOf('(') >= 0 || text.indexOf(')') >= 0 || text.indexOf('"') >= 0 || text.contains("&&")
                || text.contains("||")) {
            return true;
        }
        for (String word : text.trim().split("\\s+")) {
            if (word.equals("AND") || word.equals("OR") || word.equals("NOT")) {
                return true;
            }
            String w = word.replaceFirst("^!+", "").toLowerCase(Locale.ROOT);
            int colon = w.indexOf(':');
            if ((colon > 0 && FilterTerms.KEYS.contains(w.substring(0, colon))) || FilterTerms.metricAt(w) != null
                    || FilterTerms.wholeKeyEnd(w) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses an expression.
     *
     * @param text the expression
     * @return the filter
     * @throws FilterSyntaxException with the position of the first error
     */
    public static Filter parse(String text) throws FilterSyntaxException {
        if (text.length() > MAX_LENGTH) {
            throw new FilterSyntaxException(MAX_LENGTH, "longer than " + MAX_LENGTH + " characters");
        }
        FilterParser p = new FilterParser(tokenize(text));
        if (p.peek().kind() == Kind.END) {
            throw new FilterSyntaxException(0, "empty expression");
        }
        Filter f = p.or(0);
        Token t = p.peek();
        if (t.kind() != Kind.END) {
            throw new FilterSyntaxException(t.pos(), t.kind() == Kind.CLOSE ? "unmatched ')'" : "unexpected '" + t.text() + "'");
        }
        return f;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Filter or(int depth) throws FilterSyntaxException {
        List<Filter> parts = new ArrayList<>();
        parts.add(and(depth));
        while (peek().kind() == Kind.OR) {
            next++;
            parts.add(and(depth));
        }
        return parts.size() == 1 ? parts.get(0) : new Filter.Or(parts);
    }

    private Filter and(int depth) throws FilterSyntaxException {
        List<Filter> parts = new ArrayList<>();
        parts.add(unary(depth));
        while (true) {
            Kind k = peek().kind();
            if (k == Kind.AND) {
                next++;
                parts.add(unary(depth));
            } else if (k == Kind.TERM || k == Kind.NOT || k == Kind.OPEN) {
                parts.add(unary(depth)); // side by side: AND
            } else {
                return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
            }
        }
    }

    private Filter unary(int depth) throws FilterSyntaxException {
        boolean negate = false;
        while (peek().kind() == Kind.NOT) { // bounded by the token count
            negate = !negate;
            next++;
        }
        Filter f = primary(depth);
        return negate ? new Filter.Not(f) : f;
    }

    private Filter primary(int depth) throws FilterSyntaxException {
        Token t = peek();
        switch (t.kind()) {
            case OPEN -> {
                if (depth >= MAX_DEPTH) {
                    throw new FilterSyntaxException(t.pos(), "nested deeper than " + MAX_DEPTH);
                }
                next++;
                if (peek().kind() == Kind.CLOSE) {
                    throw new FilterSyntaxException(peek().pos(), "empty parentheses");
                }
                Filter inner = or(depth + 1);
                Token close = peek();
                if (close.kind() != Kind.CLOSE) {
                    throw new FilterSyntaxException(close.pos(), "expected ')' to close the '(' at " + (t.pos() + 1));
                }
                next++;
                return inner;
            }
            case TERM -> {
                next++;
                return FilterTerms.term(t.text(), t.pos());
            }
            case END -> throw new FilterSyntaxException(t.pos(), "expected a term after this");
            default -> throw new FilterSyntaxException(t.pos(), "expected a term, not '" + t.text() + "'");
        }
    }

    /** Splits the text into parentheses, operators and terms (a term may hold quoted parts). */
    private static List<Token> tokenize(String text) throws FilterSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (out.size() >= MAX_TOKENS) {
                throw new FilterSyntaxException(i, "more than " + MAX_TOKENS + " terms and operators");
            }
            if (i >= n) {
                out.add(new Token(Kind.END, "", n));
                return out;
            }
            char c = text.charAt(i);
            if (c == '(' || c == ')') {
                out.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), i++));
            } else if (text.startsWith("&&", i) || text.startsWith("||", i)) {
                out.add(new Token(c == '&' ? Kind.AND : Kind.OR, text.substring(i, i + 2), i));
                i += 2;
            } else if (c == '!' && (i + 1 >= n || text.charAt(i + 1) != '=')) {
                out.add(new Token(Kind.NOT, "!", i++));
            } else {
                int start = i;
                StringBuilder term = new StringBuilder();
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '(' && text.charAt(i) != ')') {
                    char d = text.charAt(i);
                    if (d == '"') {
                        int close = text.indexOf('"', i + 1);
                        if (close < 0) {
                            throw new FilterSyntaxException(i, "unclosed quote");
                        }
                        term.append(text, i + 1, close);
                        i = close + 1;
                    } else {
                        term.append(d);
                        i++;
                    }
                }
                String word = term.toString();
                boolean quoted = text.charAt(start) == '"';
                Kind k = quoted ? Kind.TERM : switch (word.toLowerCase(Locale.ROOT)) {
                    case "and" -> Kind.AND;
                    case "or" -> Kind.OR;
                    case "not" -> Kind.NOT;
                    default -> Kind.TERM;
                };
                out.add(new Token(k, quoted ? "\"" + word : word, start));
            }
        }
    }
}
