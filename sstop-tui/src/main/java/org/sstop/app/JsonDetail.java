package org.sstop.app;

/**
 * What a JSON line carries beyond the default {@code --json} output (fields added to schema
 * {@code sstop/1}, none changed).
 *
 * @param sockets each process's open sockets ({@code --connections}): a {@code sockets} array per
 *     process and {@code "with_sockets":true} at the top
 * @param recording what a replay needs to show the sample as it was ({@code --record}): the
 *     monitor's own network namespace ({@code netns} at the top), each process's
 *     {@code start_time}, and the per-second {@code history} of the system, processes, groups and
 *     hosts that the sparklines draw
 * @param more fields from outside the snapshot, at the end of the line ({@code alerts} with {@code --alert})
 */
public record JsonDetail(boolean sockets, boolean recording, LineFields more) {

    /** The default output. */
    public static final JsonDetail NONE = new JsonDetail(false, false);

    /**
     * Without fields from outside the snapshot.
     *
     * @param sockets each process's open sockets
     * @param recording what a replay needs
     */
    public JsonDetail(boolean sockets, boolean recording) {
        this(sockets, recording, LineFields.NONE);
    }
}
