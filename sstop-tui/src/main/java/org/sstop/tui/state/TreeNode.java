package org.sstop.tui.state;

/**
 * A process row's place in the process tree ({@code t}), drawn before its name.
 *
 * @param depth how far below its root (0 for a root), capped at {@link TreeRows#MAX_INDENT} for the drawing
 * @param lines bit {@code k} (1 to depth - 1) set when the ancestor at depth {@code k} has siblings below
 *     it, so that a line goes on down past this row at that level
 * @param last whether the row is the last of its siblings
 * @param rolledUp whether the row has children in the snapshot: its rates, totals and graph are then
 *     its whole subtree's (itself and every descendant, those a filter hides included)
 * @param folded whether its children are folded away ({@code x})
 * @param context shown only because a descendant matches the filter (htop keeps the ancestors of a match)
 */
public record TreeNode(int depth, int lines, boolean last, boolean rolledUp, boolean folded, boolean context) {

    /** The tree lines before the name, two cells a level ({@code "│ └─"}), empty for a root. */
    public String guide() {
        if (depth == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(2 * depth);
        for (int k = 1; k < depth; k++) {
            sb.append((lines & (1 << k)) != 0 ? "│ " : "  ");
        }
        return sb.append(last ? "└─" : "├─").toString();
    }
}
