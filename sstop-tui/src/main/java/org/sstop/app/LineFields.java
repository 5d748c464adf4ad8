package org.sstop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Fields a JSON line gains from outside the snapshot (the alerts' breaches), written at the end of
 * each line's object by {@link JsonLinesWriter}: fields are only ever added to {@code sstop/1}.
 */
@FunctionalInterface
public interface LineFields {

    /** No fields. */
    LineFields NONE = json -> { };

    /**
     * Writes the fields into the line's open object.
     *
     * @param json the line's generator, inside its top-level object
     * @throws IOException when the output fails
     */
    void write(JsonGenerator json) throws IOException;
}
