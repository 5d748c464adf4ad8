package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.List;
import org.sstop.tui.alert.AlertBook;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.text.Sanitizer;

/**
 * The alert rules dialog ({@code a}): the rules listed, and a line below them. ↑/↓ choose a rule
 * (its text comes into the line to be changed) or the empty line for a new one; typing edits the
 * line, with a rule that does not parse marked at once as the search marks an expression; Enter
 * adds the rule or replaces the chosen one (an empty line removes it), Del removes the chosen
 * rule, Esc closes. Stateless.
 */
final class AlertDialog {

    /** The longest rule typed in the dialog. */
    static final int MAX_INPUT = 200;

    private AlertDialog() {
    }

    /** The dialog opened on the new rule's line. */
    static UiState open(UiState s) {
        return s.with(b -> b.overlay = new Overlay.Alerts(s.alerts().rules().size(), "", null));
    }

    /** A key while the dialog is open. */
    static Update.Step key(UiState s, Overlay.Alerts o, Key k) {
        List<AlertRule> rules = s.alerts().rules();
        return Update.Step.of(switch (k.kind()) {
            case ESC -> s.with(b -> b.overlay = null);
            case UP, DOWN -> choose(s, Math.floorMod(o.selected() + (k.kind() == Event.KeyKind.UP ? -1 : 1), rules.size() + 1));
            case DELETE -> o.selected() < rules.size() ? withRules(s, remove(rules, o.selected())) : s;
            case ENTER -> enter(s, o);
            case BACKSPACE -> o.input().isEmpty() ? s
                    : edited(s, o, o.input().substring(0, o.input().offsetByCodePoints(o.input().length(), -1)));
            case CTRL -> k.ch() == 'u' ? edited(s, o, "") : s;
            case CHAR -> o.input().length() >= MAX_INPUT ? s
                    : edited(s, o, o.input() + Sanitizer.clean(new String(Character.toChars(k.ch()))));
            default -> s;
        });
    }

    /** Enter: the line's rule added or put in the chosen one's place; an empty line removes the chosen one. */
    private static UiState enter(UiState s, Overlay.Alerts o) {
        List<AlertRule> rules = s.alerts().rules();
        boolean existing = o.selected() < rules.size();
        if (o.input().isBlank()) {
            return existing ? withRules(s, remove(rules, o.selected())) : s.with(b -> b.overlay = null);
        }
        AlertRule rule;
        try {
            rule = AlertRule.parse(o.input());
        } catch (FilterSyntaxException e) {
            return s.with(b -> b.overlay = new Overlay.Alerts(o.selected(), o.input(), e));
        }
        List<AlertRule> next = new ArrayList<>(rules);
        if (existing) {
            next.set(o.selected(), rule);
        } else if (next.size() < AlertBook.MAX_RULES) {
            next.add(rule);
        } else {
            return s.with(b -> b.overlay = new Overlay.Alerts(o.selected(), o.input(),
                    new FilterSyntaxException(0, "at most " + AlertBook.MAX_RULES + " rules")));
        }
        return withRules(s, next);
    }

    /** The rules changed; the dialog back on the new rule's line. */
    private static UiState withRules(UiState s, List<AlertRule> rules) {
        AlertBook book = s.alerts().withRules(rules);
        return s.with(b -> {
            b.alerts = book;
            b.overlay = new Overlay.Alerts(book.rules().size(), "", null);
        });
    }

    private static UiState choose(UiState s, int selected) {
        List<AlertRule> rules = s.alerts().rules();
        String text = selected < rules.size() ? rules.get(selected).text() : "";
        // Whole, even when longer than may be typed (a --alert rule): an emptied line would remove it.
        return s.with(b -> b.overlay = new Overlay.Alerts(selected, text, null));
    }

    /** The line changed: parsed at once, so that a mistake shows where it is while typing. */
    private static UiState edited(UiState s, Overlay.Alerts o, String input) {
        FilterSyntaxException error = null;
        if (!input.isBlank()) {
            try {
                AlertRule.parse(input);
            } catch (FilterSyntaxException e) {
                error = e;
            }
        }
        FilterSyntaxException shown = error;
        return s.with(b -> b.overlay = new Overlay.Alerts(o.selected(), input, shown));
    }

    private static List<AlertRule> remove(List<AlertRule> rules, int i) {
        List<AlertRule> next = new ArrayList<>(rules);
        next.remove(i);
        return next;
    }
}
