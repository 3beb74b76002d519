package org.calmdesk.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.calmdesk.core.error.FieldError;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The API's JSON dialect refuses what a system of record must not store, and says where. */
class StrictJsonTest {

    record Draft(String name, List<String> tags, Instant dueAt) {
    }

    private final ObjectMapper mapper = JsonMapperFactory.create();

    private Draft read(byte[] body) throws Exception {
        return mapper.readValue(new ByteArrayInputStream(body), Draft.class);
    }

    private Draft read(String body) throws Exception {
        return read(body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the client sees: the mapped problem. */
    private Map<?, ?> problemOf(Exception e) {
        Response response = new ExceptionMappers.JsonMapper().toResponse((JsonProcessingException) e);
        assertEquals(400, response.getStatus());
        return (Map<?, ?>) response.getEntity();
    }

    @Test
    void readsOrdinaryTextIncludingChineseEmojiAndLineBreaks() throws Exception {
        Draft draft = read("{\"name\":\"王芳\\t😀\\n\",\"tags\":[\"vip\"],\"dueAt\":\"2026-11-23T08:15:00Z\"}");
        assertEquals("王芳\t😀\n", draft.name());
        assertEquals(Instant.parse("2026-11-23T08:15:00Z"), draft.dueAt());
        assertEquals(Instant.parse("2026-11-23T00:15:00Z"), read("{\"dueAt\":\"2026-11-23T08:15:00+08:00\"}").dueAt());
    }

    @Test
    void refusesControlCharactersAndUnpairedSurrogatesNamingTheField() {
        Exception nul = assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"a\\u0000b\"}"));
        assertEquals("name", ((FieldError) ((List<?>) problemOf(nul).get("errors")).get(0)).field());
        Exception bell = assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"a\\u0007\"}"));
        assertTrue(problemOf(bell).get("detail").toString().contains("U+0007"));
        Exception surrogate = assertThrows(JsonProcessingException.class, () -> read("{\"tags\":[\"ok\",\"a\\ud800b\"]}"));
        assertEquals("tags[1]", ((FieldError) ((List<?>) problemOf(surrogate).get("errors")).get(0)).field());
        Exception key = assertThrows(JsonProcessingException.class, () -> read("{\"na\\u0001me\":\"x\"}"));
        assertTrue(problemOf(key).get("detail").toString().contains("control character"));
    }

    @Test
    void refusesInvalidAndOverlongUtf8() {
        byte[] overlongSlash = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}' };
        Exception e = assertThrows(JsonProcessingException.class, () -> read(overlongSlash));
        assertTrue(problemOf(e).get("detail").toString().contains("not valid UTF-8"));
        byte[] truncated = { '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xE7, (byte) 0x8E, '"', '}' };
        assertThrows(JsonProcessingException.class, () -> read(truncated));
    }

    @Test
    void timestampsAreIsoStringsWithinSaneYears() {
        for (String bad : new String[] { "1700000000000", "\"+55840-11-08T22:13:20Z\"", "\"1899-12-31T23:59:59Z\"",
                "\"2026-11-23\"", "\"2026-11-23T08:15:00\"", "\"yesterday\"", "true" }) {
            Exception e = assertThrows(JsonProcessingException.class, () -> read("{\"dueAt\":" + bad + "}"), bad);
            assertEquals("dueAt", ((FieldError) ((List<?>) problemOf(e).get("errors")).get(0)).field(), bad);
        }
    }

    @Test
    void refusesDeepNestingAsAClientError() {
        // Read untyped, as the article import reads its body: only the depth limit can stop it.
        byte[] deep = ("[".repeat(1_001) + "]".repeat(1_001)).getBytes(StandardCharsets.UTF_8);
        Exception e = assertThrows(JsonProcessingException.class, () -> mapper.readValue(deep, com.fasterxml.jackson.databind.JsonNode.class));
        assertTrue(problemOf(e).get("detail").toString().contains("nested deeper"));
    }
}
