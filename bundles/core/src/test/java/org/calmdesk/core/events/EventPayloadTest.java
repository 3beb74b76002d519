package org.calmdesk.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EventPayloadTest {

    /** A payload shaped like the modules' records: strings, numbers, an optional list, a free-text property. */
    record Sample(String sampleId, String customerId, int level, double intensity, Integer negativity,
            List<String> signals, String note, boolean urgent) implements EventPayload {

        @Override
        public String topic() {
            return "calmdesk/sample/HAPPENED";
        }

        @Override
        public String resourceId() {
            return sampleId;
        }

        @Override
        public Set<String> freeText() {
            return Set.of("note");
        }
    }

    @Test
    void componentsBecomeThePropertiesAndNullsAreLeftOut() {
        DomainEvent event = DomainEvent.of(new Sample("s1", "c1", 2, 0.5, null, List.of("A", "B"), "hello", true));

        assertEquals("calmdesk/sample/HAPPENED", event.topic());
        assertEquals("s1", event.resourceId());
        assertEquals("c1", event.customerId());
        assertEquals(Set.of("note"), event.freeText());
        assertEquals(Set.of("sampleId", "customerId", "level", "intensity", "signals", "note", "urgent"), event.data().keySet());
        assertEquals(2, event.data().get("level"));
        assertEquals(0.5, event.data().get("intensity"));
        assertEquals(List.of("A", "B"), event.data().get("signals"));
        assertFalse(event.data().containsKey("negativity"));
    }

    @Test
    void storedJsonIsFlat() {
        DomainEvent event = DomainEvent.of(new Sample("s1", null, 0, 1.0, 3, List.of("A"), null, false));

        assertEquals("{\"sampleId\":\"s1\",\"level\":0,\"intensity\":1.0,\"negativity\":3,\"signals\":[\"A\"],\"urgent\":false}",
                EventLog.toJson(event.data()));
    }

    @Test
    void aStoredEventReadsBackAsItsRecord() {
        Sample sample = new Sample("s1", "c1", 2, 0.5, 7, List.of("A", "B"), "hello", true);
        String json = EventLog.toJson(DomainEvent.of(sample).data());

        // The stored JSON comes back with String[] arrays and whole numbers as Integer, as EventAdmin listeners see them.
        Map<String, Object> stored = EventLog.fromJson(json);
        assertEquals(String[].class, stored.get("signals").getClass());

        assertEquals(sample, logged(stored).as(Sample.class));
    }

    @Test
    void absentAndUnknownPropertiesRead() {
        Sample read = logged(Map.of("sampleId", "s1", "level", 1, "intensity", 2, "addedLater", "x")).as(Sample.class);

        assertEquals("s1", read.sampleId());
        assertEquals(2.0, read.intensity());
        assertNull(read.negativity());
        assertNull(read.signals());
    }

    @Test
    void aRedactedEventReadsTheErasedMarker() {
        String json = EventLog.redact(EventLog.toJson(DomainEvent.of(
                new Sample("s1", "c1", 0, 0, null, null, "my words", false)).data()), "note");

        assertEquals(EventLog.ERASED, logged(EventLog.fromJson(json)).as(Sample.class).note());
    }

    private static LoggedEvent logged(Map<String, Object> data) {
        return new LoggedEvent("e1", 1, "calmdesk/sample/HAPPENED", "sample.happened", "s1", "c1", Instant.now(), data, 1, false);
    }
}
