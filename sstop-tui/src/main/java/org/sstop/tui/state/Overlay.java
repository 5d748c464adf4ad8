package org.sstop.tui.state;

import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.kill.Sig;

/** A window over the current view that takes all keys while it is open. */
public sealed interface Overlay {

    /**
     * The key binding list.
     *
     * @param top first line shown (scrolled with j/k on short screens)
     */
    record Help(int top) implements Overlay {
    }

    /** Stages of the kill dialog. */
    enum KillStage { CHOOSE, CONFIRM, SENDING, RESULT }

    /**
     * The kill dialog.
     *
     * @param pid target pid
     * @param startTime its start-time token when chosen
     * @param name its sanitized name
     * @param signal index into {@link Sig#values()}
     * @param stage where the dialog is
     * @param message the result (or refusal) text
     * @param ok whether the result is a success
     */
    record Kill(int pid, long startTime, String name, int signal, KillStage stage, String message, boolean ok)
            implements Overlay {

        /** The chosen signal. */
        public Sig sig() {
            return Sig.values()[signal];
        }
    }

    /**
     * What limits the numbers: limitations, unattributed traffic by reason, coverage, losses.
     *
     * @param top first line shown (scrolled with j/k)
     */
    record Visibility(int top) implements Overlay {
    }

    /** The search line: typing edits the filter live; Enter keeps it, Esc clears it. */
    record Search() implements Overlay {
    }

    /**
     * The alert rules dialog ({@link AlertDialog}): the rules, and a line to write a new one or
     * change the one chosen.
     *
     * @param selected the rule chosen, or the number of rules for the new rule's line
     * @param input the text being written
     * @param error why the text does not parse, null when it does or is empty
     */
    record Alerts(int selected, String input, FilterSyntaxException error) implements Overlay {
    }
}
