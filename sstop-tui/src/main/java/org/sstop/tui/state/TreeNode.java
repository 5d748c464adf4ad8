package org.sstop.tui.state;

/**
 * A process row's place in the process tree ({@code t}), drawn before its name.
 *
 * @param depth how far below its root (0 for a root), capped at {@link TreeRows#MAX_INDENT} for the drawing
 * @param guide the tree lines before the name ({@code "│ └─"}), empty for a root
 * @param rolledUp whether the row has children in the snapshot: its rates, totals and graph are then
 *     its whole subtree's (itself and every descendant, those a filter hides included)
 * @param folded whether its children are folded away ({@code x})
 * @param context shown only because a descendant matches the filter (htop keeps the ancestors of a match)
 */
public record TreeNode(int depth, String guide, boolean rolledUp, boolean folded, boolean context) {
}
