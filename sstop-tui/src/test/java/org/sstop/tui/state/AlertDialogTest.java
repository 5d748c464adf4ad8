package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.testing.Fixtures;

/** The alert rules dialog's keys, and what snapshots do with the rules: the bell once per breach, also paused. */
class AlertDialogTest {

    final Update update = new Update(4242);
    final List<Command> commands = new ArrayList<>();

    UiState start() {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        return update.apply(s, new Event.SnapshotArrived(Fixtures.running(10))).state();
    }

    UiState send(UiState s, Event... events) {
        for (Event e : events) {
            Update.Step step = update.apply(s, e);
            commands.addAll(step.commands());
            s = step.state();
        }
        return s;
    }

    UiState type(UiState s, String text) {
        return send(s, text.codePoints().mapToObj(Key::ch).toArray(Event[]::new));
    }

    static Snapshot sample(long seq) {
        Snapshot s = Fixtures.running(10);
        return new Snapshot(seq, s.time(), Duration.ofSeconds(1), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), s.processes(), s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility());
    }

    static List<String> rules(UiState s) {
        return s.alerts().rules().stream().map(AlertRule::text).toList();
    }

    @Test
    void aWrongRuleIsMarkedWhileTypingAndNotAdded() {
        UiState s = type(start(), "a");
        assertInstanceOf(Overlay.Alerts.class, s.overlay());
        s = type(s, "up>1Q");
        Overlay.Alerts o = (Overlay.Alerts) s.overlay();
        assertNotNull(o.error());
        assertEquals(4, o.error().position(), o.error().getMessage());
        s = send(s, Key.of(KeyKind.ENTER));
        assertTrue(s.alerts().rules().isEmpty(), "not added");
        assertInstanceOf(Overlay.Alerts.class, s.overlay(), "the dialog stays, with the error");
        s = send(s, Key.of(KeyKind.BACKSPACE));
        s = type(s, "M for 2s");
        assertNull(((Overlay.Alerts) s.overlay()).error());
        s = send(s, Key.of(KeyKind.ENTER));
        assertEquals(List.of("up>1M for 2s"), rules(s));
        assertEquals(new Overlay.Alerts(1, "", null), s.overlay(), "back on the new rule's line");
        s = send(s, Key.of(KeyKind.ESC));
        assertNull(s.overlay());
    }

    @Test
    void rulesAreChosenChangedAndRemoved() {
        UiState s = type(start(), "a");
        s = send(type(s, "conns>5"), Key.of(KeyKind.ENTER));
        s = send(type(s, "name:proc3"), Key.of(KeyKind.ENTER));
        assertEquals(List.of("conns>5", "name:proc3"), rules(s));
        s = send(s, Key.of(KeyKind.UP), Key.of(KeyKind.UP));
        assertEquals(new Overlay.Alerts(0, "conns>5", null), s.overlay(), "the chosen rule's text to change");
        s = send(s, Key.ctrl('u'));
        s = send(type(s, "conns>9"), Key.of(KeyKind.ENTER));
        assertEquals(List.of("conns>9", "name:proc3"), rules(s));
        s = send(s, Key.of(KeyKind.UP), Key.of(KeyKind.DELETE));
        assertEquals(List.of("conns>9"), rules(s), "Del removes the chosen rule");
        s = send(s, Key.of(KeyKind.UP), Key.ctrl('u'), Key.of(KeyKind.ENTER));
        assertTrue(rules(s).isEmpty(), "an emptied line removes its rule");
        s = send(s, Key.of(KeyKind.ENTER));
        assertNull(s.overlay(), "Enter on an empty new line closes");
    }

    @Test
    void theBellRingsOncePerBreachAlsoWhilePaused() {
        UiState s = type(start(), "a");
        s = send(type(s, "name:proc3 for 2s"), Key.of(KeyKind.ENTER), Key.of(KeyKind.ESC));
        s = send(s, new Event.SnapshotArrived(sample(8)), new Event.SnapshotArrived(sample(9)));
        assertTrue(commands.isEmpty(), "held 1 s of 2: " + commands);
        s = send(s, ch(' ')); // pause: the display freezes, the rules go on
        Snapshot shown = s.snapshot();
        s = send(s, new Event.SnapshotArrived(sample(10)));
        assertEquals(1, commands.size());
        Command.Alert alert = assertInstanceOf(Command.Alert.class, commands.get(0));
        assertEquals(103, alert.started().get(0).pid());
        assertSame(shown, s.snapshot(), "paused: the display did not move");
        s = send(s, new Event.SnapshotArrived(sample(11)), new Event.SnapshotArrived(sample(11)), ch(' '),
                new Event.SnapshotArrived(sample(12)));
        assertEquals(1, commands.size(), "once per breach, not per sample: " + commands);
        assertEquals(List.of(103), s.alerts().active().stream().map(b -> b.pid()).toList());
    }

    @Test
    void aLongRuleFromTheCommandLineIsKeptWhenChosenAndEntered() throws Exception {
        String text = "name:" + "x".repeat(300) + " for 5s";
        org.sstop.tui.alert.AlertBook book = org.sstop.tui.alert.AlertBook.of(List.of(AlertRule.parse(text)));
        UiState s = start().with(b -> b.alerts = book);
        s = send(type(s, "a"), Key.of(KeyKind.UP));
        assertEquals(text, ((Overlay.Alerts) s.overlay()).input(), "whole, though longer than may be typed");
        s = send(s, Key.of(KeyKind.ENTER));
        assertEquals(List.of(text), rules(s), "Enter on it keeps it");
    }

    @Test
    void theHelpListsTheKey() {
        assertTrue(KeyMap.HELP.stream().anyMatch(l -> "a".equals(l.keys()) && l.text() != null && l.text().contains("alert")));
        assertEquals(KeyMap.Action.ALERTS, KeyMap.action(Key.ch('a')));
    }

    static Key ch(char c) {
        return Key.ch(c);
    }
}
