package org.sstop.app.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.sstop.app.JsonDetail;

/**
 * What the lines of a recording carry beyond the samples, so that a replay writes them back as
 * they were.
 *
 * @param ownNetns the recording monitor's own network namespace, 0 when the lines do not say
 * @param detail the optional fields the lines carry
 */
public record JsonShape(long ownNetns, JsonDetail detail) {

    /** The shape of a (checked) line. */
    static JsonShape of(JsonNode line) {
        JsonNode netns = line.get("netns");
        JsonNode sockets = line.get("with_sockets");
        return new JsonShape(netns == null || !netns.canConvertToLong() ? 0 : netns.longValue(),
                new JsonDetail(sockets != null && sockets.asBoolean(), line.has("history")));
    }
}
