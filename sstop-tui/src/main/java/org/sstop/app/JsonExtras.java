package org.sstop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.SocketStats;

/**
 * The fields {@link JsonDetail} adds to a line, written into {@link JsonLinesWriter}'s generator.
 * Stateless.
 */
final class JsonExtras {

    private JsonExtras() {
    }

    /**
     * {@code "history":[up0,down0,up1,down1,...]}, oldest second first. With {@code trimmed}, the
     * quiet seconds at the start are left out (most processes and hosts are idle most of the
     * minute): a reader pads them back to the length of the system's history, which is written
     * whole.
     */
    static void history(JsonGenerator json, RateHistory h, boolean trimmed) throws IOException {
        int first = 0;
        if (trimmed) {
            while (first < h.size() && h.up(first) == 0 && h.down(first) == 0) {
                first++;
            }
        }
        json.writeArrayFieldStart("history");
        for (int i = first; i < h.size(); i++) {
            json.writeNumber(h.up(i));
            json.writeNumber(h.down(i));
        }
        json.writeEndArray();
    }

    /** A process's sockets: protocol, both endpoints, state, age, rates and totals, loopback, counted, interface. */
    static void sockets(JsonGenerator json, ProcessStats p) throws IOException {
        json.writeArrayFieldStart("sockets");
        for (SocketStats s : p.sockets()) {
            json.writeStartObject();
            json.writeStringField("protocol", s.protocol().label());
            json.writeStringField("local_address", s.local().address().toString());
            json.writeNumberField("local_port", s.local().port());
            json.writeStringField("remote_address", s.remote().address().toString());
            json.writeNumberField("remote_port", s.remote().port());
            json.writeStringField("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
            json.writeNumberField("age_ms", s.age().toMillis());
            json.writeNumberField("up_rate", JsonLinesWriter.rate(s.traffic().upRate()));
            json.writeNumberField("down_rate", JsonLinesWriter.rate(s.traffic().downRate()));
            json.writeNumberField("up_delta", s.traffic().upDelta());
            json.writeNumberField("down_delta", s.traffic().downDelta());
            json.writeNumberField("up_bytes", s.traffic().upBytes());
            json.writeNumberField("down_bytes", s.traffic().downBytes());
            json.writeBooleanField("loopback", s.loopback());
            json.writeBooleanField("counted", s.counted());
            if (s.iface() == null) {
                json.writeNullField("interface");
            } else {
                json.writeStringField("interface", s.iface());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
