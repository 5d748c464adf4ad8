package org.sstop.tui.state;

import org.sstop.tui.net.ServiceTable;
import org.sstop.tui.render.Format;

/**
 * How amounts and ports are written: rates in bytes (1024-based, KiB/s) or bits (1000-based,
 * kbit/s, as link speeds are given), totals in a unit that fits or one fixed unit (nethogs' view
 * modes, cycled with {@code m}), and the service names of ports. Immutable.
 *
 * @param services the port names
 * @param bits rates in bits per second
 * @param totalsUnit how totals are written
 * @param sharedScale the process rows' graphs drawn to one scale (the busiest visible second), so they compare
 */
public record Display(ServiceTable services, boolean bits, TotalsUnit totalsUnit, boolean sharedScale) {

    /** The unit of totals, in the order {@code m} goes through them after the rates. */
    public enum TotalsUnit {
        /** A unit that fits the value (B, KiB, MiB, ...). */ AUTO("totals"),
        /** Always KiB. */ KIB("totals KiB"),
        /** Always bytes. */ B("totals B"),
        /** Always MiB. */ MIB("totals MiB");

        private final String label;

        TotalsUnit(String label) {
            this.label = label;
        }

        /** What the header says in this mode. */
        public String label() {
            return label;
        }
    }

    /** Bytes, units that fit, the built-in port names: what tests and {@link UiState#initial} start with. */
    public static final Display DEFAULT = new Display(ServiceTable.builtIn(), false, TotalsUnit.AUTO, false);

    /** A rate, in bytes or bits per second. */
    public String rate(double bytesPerSecond) {
        return bits ? Format.bits(bytesPerSecond) : Format.rate(bytesPerSecond);
    }

    /** A total in this mode's unit. */
    public String total(double bytes) {
        return switch (totalsUnit) {
            case AUTO -> Format.bytes(bytes);
            case KIB -> Format.bytesIn(bytes, 1);
            case B -> Format.bytesIn(bytes, 0);
            case MIB -> Format.bytesIn(bytes, 2);
        };
    }

    /**
     * A total for a column {@code width} cells wide: in this mode's unit where it fits, else in a
     * unit that fits. A number is never cut: {@code 7978409293…} would read as a smaller one.
     */
    public String total(double bytes, int width) {
        String text = total(bytes);
        return text.length() <= width ? text : Format.bytes(bytes);
    }

    /** A rate, or a total when {@code totals}. */
    public String amount(double v, boolean totals) {
        return totals ? total(v) : rate(v);
    }

    /** A rate, or a total when {@code totals}, for a column {@code width} cells wide (see {@link #total(double, int)}). */
    public String amount(double v, boolean totals, int width) {
        return totals ? total(v, width) : rate(v);
    }

    /** The same with the rates in bits or not. */
    public Display withBits(boolean on) {
        return new Display(services, on, totalsUnit, sharedScale);
    }

    /** The same with another totals unit. */
    public Display withTotalsUnit(TotalsUnit unit) {
        return new Display(services, bits, unit, sharedScale);
    }

    /** The same with the row graphs on one scale or each on its own. */
    public Display withSharedScale(boolean on) {
        return new Display(services, bits, totalsUnit, on);
    }
}
