package org.calmdesk.core.events;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Converts between {@link EventPayload} records and event properties: a record's components are
 * the properties, absent ones (null) are left out, lists are JSON arrays. Only components are
 * properties: {@code topic()}, {@code freeText()} and a {@code resourceId()} that is not a component
 * are no bean getters.
 */
final class EventPayloads {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // A later version may add properties; an older reader keeps the ones it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private EventPayloads() {
    }

    static Map<String, Object> toProperties(EventPayload payload) {
        return MAPPER.convertValue(payload, PROPERTIES);
    }

    /** String[] values (as stored events are read) convert to the record's List<String> components. */
    static <T extends EventPayload> T fromProperties(Map<String, Object> properties, Class<T> type) {
        return MAPPER.convertValue(properties, type);
    }
}
