package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.testing.Fixtures;

/** The alert rules dialog's keys, and what snapshots do with the rules: the bell once per breach, also paused. */
class AlertDialogTest {

    final UiDriver ui = new UiDriver();

    UiState start() {
        return ui.start(Fixtures.running(10));
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
        UiState s = ui.type(start(), "a");
        assertInstanceOf(Overlay.Alerts.class, s.overlay());
        s = ui.type(s, "up>1Q");
        Overlay.Alerts o = (Overlay.Alerts) s.overlay();
        assertNotNull(o.error());
        assertEquals(4, o.error().position(), o.error().getMessage());
        s = ui.send(s, Key.of(KeyKind.ENTER));
        assertTrue(s.alerts().rules().isEmpty(), "not added");
        assertInstanceOf(Overlay.Alerts.class, s.overlay(), "the dialog stays, with the error");
        s = ui.send(s, Key.of(KeyKind.BACKSPACE));
        s = ui.type(s, "M for 2s");
        assertNull(((Overlay.Alerts) s.overlay()).error());
        s = ui.send(s, Key.of(KeyKind.ENTER));
        assertEquals(List.of("up>1M for 2s"), rules(s));
        assertEquals(new Overlay.Alerts(1, "", null), s.overlay(), "back on the new rule's line");
        s = ui.send(s, Key.of(KeyKind.ESC));
        assertNull(s.overlay());
    }

    @Test
    void rulesAreChosenChangedAndRemoved() {
        UiState s = ui.type(start(), "a");
        s = ui.send(ui.type(s, "conns>5"), Key.of(KeyKind.ENTER));
        s = ui.send(ui.type(s, "name:proc3"), Key.of(KeyKind.ENTER));
        assertEquals(List.of("conns>5", "name:proc3"), rules(s));
        s = ui.send(s, Key.of(KeyKind.UP), Key.of(KeyKind.UP));
        assertEquals(new Overlay.Alerts(0, "conns>5", null), s.overlay(), "the chosen rule's text to change");
        s = ui.send(s, Key.ctrl('u'));
        s = ui.send(ui.type(s, "conns>9"), Key.of(KeyKind.ENTER));
        assertEquals(List.of("conns>9", "name:proc3"), rules(s));
        s = ui.send(s, Key.of(KeyKind.UP), Key.of(KeyKind.DELETE));
        assertEquals(List.of("conns>9"), rules(s), "Del removes the chosen rule");
        s = ui.send(s, Key.of(KeyKind.UP), Key.ctrl('u'), Key.of(KeyKind.ENTER));
        assertTrue(rules(s).isEmpty(), "an emptied line removes its rule");
        s = ui.send(s, Key.of(KeyKind.ENTER));
        assertNull(s.overlay(), "Enter on an empty new line closes");
    }

    @Test
    void theBellRingsOncePerBreachAlsoWhilePaused() {
        UiState s = ui.type(start(), "a");
        s = ui.send(ui.type(s, "name:proc3 for 2s"), Key.of(KeyKind.ENTER), Key.of(KeyKind.ESC));
        s = ui.send(s, new Event.SnapshotArrived(sample(8)), new Event.SnapshotArrived(sample(9)));
        assertTrue(ui.commands.isEmpty(), "held 1 s of 2: " + ui.commands);
        s = ui.send(s, ch(' ')); // pause: the display freezes, the rules go on
        Snapshot shown = s.snapshot();
        s = ui.send(s, new Event.SnapshotArrived(sample(10)));
        assertEquals(1, ui.commands.size());
        Command.Alert alert = assertInstanceOf(Command.Alert.class, ui.commands.get(0));
        assertEquals(103, alert.started().get(0).pid());
        assertSame(shown, s.snapshot(), "paused: the display did not move");
        s = ui.send(s, new Event.SnapshotArrived(sample(11)), new Event.SnapshotArrived(sample(11)), ch(' '),
                new Event.SnapshotArrived(sample(12)));
        assertEquals(1, ui.commands.size(), "once per breach, not per sample: " + ui.commands);
        assertEquals(List.of(103), s.alerts().active().stream().map(b -> b.pid()).toList());
    }

    @Test
    void aLongRuleFromTheCommandLineIsKeptWhenChosenAndEntered() throws Exception {
        String text = "name:" + "x".repeat(300) + " for 5s";
        org.sstop.tui.alert.AlertBook book = org.sstop.tui.alert.AlertBook.of(List.of(AlertRule.parse(text)));
        UiState s = start().with(b -> b.alerts = book);
        s = ui.send(ui.type(s, "a"), Key.of(KeyKind.UP));
        assertEquals(text, ((Overlay.Alerts) s.overlay()).input(), "whole, though longer than may be typed");
        s = ui.send(s, Key.of(KeyKind.ENTER));
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
