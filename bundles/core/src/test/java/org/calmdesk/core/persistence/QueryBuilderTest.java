package org.calmdesk.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.QueryBuilder.SortKey;
import org.junit.jupiter.api.Test;

class QueryBuilderTest {

    @Test
    void absentFiltersAddNothingAndNoWhereIsWritten() {
        QueryBuilder query = QueryBuilder.select("SELECT t FROM T t")
                .filter("t.status = :status", "status", null)
                .filter("t.assignee = :assignee", "assignee", "   ")
                .filterContains("t.text", "q", null)
                .orderBy(PageRequest.first(10), SortKey.descending("t.id"));
        assertEquals("SELECT t FROM T t ORDER BY t.id DESC", query.jpql());
        assertEquals(Map.of(), query.parameters());
    }

    @Test
    void presentFiltersAreJoinedWithAndAndTextIsTrimmed() {
        QueryBuilder query = QueryBuilder.select("SELECT t FROM T t")
                .where("t.deleted IS NULL")
                .filter("t.status = :status", "status", 3)
                .filter("t.assignee = :assignee", "assignee", "  li.lei ")
                .whereIf(false, "t.flag = TRUE")
                .whereIf(true, "t.due < :now", "now", Instant.EPOCH);
        assertEquals("SELECT t FROM T t WHERE t.deleted IS NULL AND t.status = :status AND t.assignee = :assignee"
                + " AND t.due < :now", query.jpql());
        assertEquals(Map.of("status", 3, "assignee", "li.lei", "now", Instant.EPOCH), query.parameters());
    }

    @Test
    void containsEscapesLikeWildcardsSoTheyMatchLiterally() {
        assertEquals("50\\% off\\_now \\\\ ok", QueryBuilder.escapeLike("50% off_now \\ ok"));
        QueryBuilder query = QueryBuilder.select("SELECT c FROM C c").filterContains("c.text", "q", " 100%_");
        assertEquals("SELECT c FROM C c WHERE c.text LIKE :q ESCAPE '\\'", query.jpql());
        assertEquals("%100\\%\\_%", query.parameters().get("q"));
    }

    @Test
    void singleKeyCursorKeepsRowsAfterItInTheSortDirection() {
        PageRequest page = PageRequest.of(20, Cursor.of("id-9").encode());
        assertEquals("SELECT t FROM T t WHERE t.id < :cursorKey0 ORDER BY t.id DESC",
                QueryBuilder.select("SELECT t FROM T t").orderBy(page, SortKey.descending("t.id")).jpql());
        QueryBuilder ascending = QueryBuilder.select("SELECT t FROM T t").orderBy(page, SortKey.ascending("t.id"));
        assertEquals("SELECT t FROM T t WHERE t.id > :cursorKey0 ORDER BY t.id", ascending.jpql());
        assertEquals(Map.of("cursorKey0", "id-9"), ascending.parameters());
    }

    @Test
    void compositeCursorComparesKeysInOrderAndParsesTheirTypes() {
        Instant due = Instant.parse("2026-11-23T08:15:00Z");
        QueryBuilder query = QueryBuilder.select("SELECT f FROM F f")
                .filter("f.status = :status", "status", "OPEN")
                .orderBy(Cursor.of(due.toString(), "id-3"), SortKey.ascending("f.dueAt").instant(), SortKey.ascending("f.id"));
        assertEquals("SELECT f FROM F f WHERE f.status = :status AND ((f.dueAt > :cursorKey0)"
                + " OR (f.dueAt = :cursorKey0 AND f.id > :cursorKey1)) ORDER BY f.dueAt, f.id", query.jpql());
        assertEquals(Map.of("status", "OPEN", "cursorKey0", due, "cursorKey1", "id-3"), query.parameters());
    }

    @Test
    void numericKeysParseToLong() {
        QueryBuilder query = QueryBuilder.select("SELECT r FROM R r")
                .orderBy(Cursor.of("41"), SortKey.descending("r.version").number());
        assertEquals(41L, query.parameters().get("cursorKey0"));
    }

    @Test
    void aCursorOfAnotherListIsAValidationErrorNamingTheCursor() {
        ValidationException wrongType = assertThrows(ValidationException.class, () -> QueryBuilder.select("SELECT f FROM F f")
                .orderBy(Cursor.of("not-a-time", "id"), SortKey.ascending("f.dueAt").instant(), SortKey.ascending("f.id")));
        assertEquals("cursor", wrongType.errors().get(0).field());
        ValidationException tooShort = assertThrows(ValidationException.class, () -> QueryBuilder.select("SELECT f FROM F f")
                .orderBy(Cursor.of("2026-11-23T08:15:00Z"), SortKey.ascending("f.dueAt").instant(), SortKey.ascending("f.id")));
        assertEquals("cursor", tooShort.errors().get(0).field());
    }

    @Test
    void oneParameterBoundTwiceToDifferentValuesIsAProgrammingError() {
        QueryBuilder query = QueryBuilder.select("SELECT t FROM T t").where("t.a = :x", "x", 1);
        assertThrows(IllegalArgumentException.class, () -> query.where("t.b = :x", "x", 2));
        query.where("t.c = :x", "x", 1); // the same value twice is fine: one parameter used in two clauses
        assertThrows(IllegalArgumentException.class, () -> query.where("t.d = :y", "y"));
    }
}
