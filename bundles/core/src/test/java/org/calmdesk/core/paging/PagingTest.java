package org.calmdesk.core.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.calmdesk.core.error.ValidationException;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void cursorRoundTripsKeysIncludingUnicodeAndSeparatorsOfTheUrl() {
        Cursor cursor = Cursor.of("2026-11-23T08:15:00Z", "张三/&?=");
        Cursor decoded = Cursor.decode(cursor.encode());
        assertEquals(cursor, decoded);
        assertEquals("张三/&?=", decoded.key(1));
    }

    @Test
    void foreignCursorIsAValidationErrorNamingTheCursor() {
        ValidationException e = assertThrows(ValidationException.class, () -> Cursor.decode("not-a-cursor!!"));
        assertEquals("cursor", e.errors().get(0).field());
        assertThrows(ValidationException.class, () -> Cursor.of("a").key(1));
    }

    @Test
    void limitDefaultsTo50AndIsCappedAt200() {
        assertEquals(50, PageRequest.of(null, null).limit());
        assertEquals(200, PageRequest.of(200, "").limit());
        assertEquals("limit", assertThrows(ValidationException.class, () -> PageRequest.of(201, null)).errors().get(0).field());
        assertThrows(ValidationException.class, () -> PageRequest.of(0, null));
    }

    @Test
    void pageKeepsLimitItemsAndPointsAfterTheLastOne() {
        PageRequest request = PageRequest.of(2, null);
        Page<String> page = Page.fromFetched(List.of("a", "b", "c"), request, Cursor::of);
        assertEquals(List.of("a", "b"), page.items());
        assertEquals("b", Cursor.decode(page.nextCursor()).key(0));

        Page<String> last = Page.fromFetched(List.of("a", "b"), request, Cursor::of);
        assertNull(last.nextCursor());
    }
}
