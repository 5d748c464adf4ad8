package org.sstop.tui.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;

/**
 * The alert rules and where each process stands against them, stepped once per sample: a pure
 * function from the book before and a sample to the book after, so the terminal UI keeps it in
 * its immutable state and the headless loop in a field.
 *
 * <p>Per rule and process (pid and start time) it keeps since when the condition has held without
 * a break. When that reaches the rule's hold, the breach starts: it is in {@link #started()} of
 * that one step (the bell, the command) and in {@link #active()} until a sample in which the
 * condition does not hold; then the rule is armed again for that process. A process that is gone
 * from the sample, or exited, is dropped with its state, so the book never holds more than the
 * sample's processes times the rules. Time is the caller's monotonic clock, in nanoseconds.
 *
 * @param rules the rules, at most {@link #MAX_RULES}
 * @param holding per rule and process, since when its condition holds (and whether it breached)
 * @param clock the time of the last step
 * @param lastSequence the sequence number of the last sample stepped, -1 before the first
 * @param active the breaches going on, in rule then sample order
 * @param started the breaches that started in the last step
 */
public record AlertBook(List<AlertRule> rules, Map<Watch, Hold> holding, long clock, long lastSequence,
        List<Breach> active, List<Breach> started) {

    /** The most rules a book holds. */
    public static final int MAX_RULES = 16;

    /** No rules. */
    public static final AlertBook NONE = new AlertBook(List.of(), Map.of(), 0, -1, List.of(), List.of());

    /**
     * One rule watching one process.
     *
     * @param rule the rule's text
     * @param pid the process
     * @param startTime its start-time token, so a new process with a reused pid starts afresh
     */
    public record Watch(String rule, int pid, long startTime) {
    }

    /**
     * Where a watch stands.
     *
     * @param since the clock when the condition began to hold
     * @param breached whether the breach has started (and been told)
     */
    public record Hold(long since, boolean breached) {
    }

    /** Copies the collections; at most {@link #MAX_RULES} rules. */
    public AlertBook {
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("more than " + MAX_RULES + " alert rules");
        }
        rules = List.copyOf(rules);
        holding = Map.copyOf(holding);
        active = List.copyOf(active);
        started = List.copyOf(started);
    }

    /**
     * A book of rules with nothing held yet.
     *
     * @param rules the rules
     * @return the book
     */
    public static AlertBook of(List<AlertRule> rules) {
        return NONE.withRules(rules);
    }

    /**
     * The same book with other rules: what the rules kept (same text) hold stays, the rest is dropped.
     *
     * @param newRules the rules, at most {@link #MAX_RULES}; duplicates (same text) are kept once
     * @return the book
     */
    public AlertBook withRules(List<AlertRule> newRules) {
        Map<String, AlertRule> byText = new java.util.LinkedHashMap<>();
        for (AlertRule r : newRules) {
            byText.putIfAbsent(r.text(), r);
        }
        Map<Watch, Hold> kept = new HashMap<>(holding);
        kept.keySet().removeIf(w -> !byText.containsKey(w.rule()));
        Set<String> breachRules = new HashSet<>(); // a breach carries its rule's text cleaned, as breaches() looks it up
        for (String text : byText.keySet()) {
            breachRules.add(Breach.clean(text));
        }
        List<Breach> still = active.stream().filter(b -> breachRules.contains(b.rule())).toList();
        return new AlertBook(List.copyOf(byText.values()), kept, clock, lastSequence, still, List.of());
    }

    /**
     * Steps on a sample, its time the last step's plus the sample's own measured elapsed time (a
     * monotonic clock that also runs right in a replay). The same sample again (the UI shows it
     * once more after a pause) changes nothing.
     *
     * @param s the sample
     * @return the book after it
     */
    public AlertBook next(Snapshot s) {
        if (s.sequence() == lastSequence) {
            return started.isEmpty() ? this : new AlertBook(rules, holding, clock, lastSequence, active, List.of());
        }
        return step(s, clock + Math.max(0, s.elapsed().toNanos()));
    }

    /**
     * Steps on a sample taken at {@code now}.
     *
     * @param s the sample
     * @param now its time on the caller's monotonic clock, in nanoseconds
     * @return the book after it
     */
    public AlertBook step(Snapshot s, long now) {
        if (rules.isEmpty()) { // nothing to hold: the same book (no new UI state per sample without rules)
            return active.isEmpty() && started.isEmpty() && holding.isEmpty() ? this
                    : new AlertBook(rules, Map.of(), now, s.sequence(), List.of(), List.of());
        }
        Map<Watch, Hold> next = new HashMap<>();
        List<Breach> nowActive = new ArrayList<>();
        List<Breach> nowStarted = new ArrayList<>();
        for (AlertRule rule : rules) {
            long hold = rule.hold().toNanos();
            for (ProcessStats p : s.processes()) {
                if (p.state() == ProcessState.EXITED || !rule.condition().test(p)) {
                    continue; // not (or no longer) holding: dropped, so the rule is armed again
                }
                Watch w = new Watch(rule.text(), p.pid(), p.startTime());
                Hold before = holding.get(w);
                long since = before == null ? now : before.since();
                boolean breached = before != null && before.breached();
                if (!breached && now - since >= hold) {
                    breached = true;
                    nowStarted.add(Breach.of(rule, p, Duration.ofNanos(now - since)));
                }
                next.put(w, new Hold(since, breached));
                if (breached) {
                    nowActive.add(Breach.of(rule, p, Duration.ofNanos(now - since)));
                }
            }
        }
        return new AlertBook(rules, next, now, s.sequence(), nowActive, nowStarted);
    }

    /**
     * How many processes breach a rule now.
     *
     * @param rule the rule
     * @return the number of its breaches going on
     */
    public int breaches(AlertRule rule) {
        String text = Breach.clean(rule.text());
        int n = 0;
        for (Breach b : active) {
            n += b.rule().equals(text) ? 1 : 0;
        }
        return n;
    }

    /** The pids of the processes in a breach now. */
    public Set<Integer> breachingPids() {
        Set<Integer> pids = new HashSet<>();
        for (Breach b : active) {
            pids.add(b.pid());
        }
        return pids;
    }
}
