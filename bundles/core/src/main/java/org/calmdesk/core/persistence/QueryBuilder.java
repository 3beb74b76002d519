package org.calmdesk.core.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * A JPQL list query from optional filters: each filter whose value is absent (null or blank
 * text) adds nothing, each present one adds an {@code AND} clause with named parameters. The sort
 * keys double as the keyset: {@link #orderBy} appends the {@code ORDER BY} and, for a page after a
 * cursor, the condition "after the last row served", the cursor's keys parsed into the keys' types.
 * <pre>{@code
 * QueryBuilder.select("SELECT t FROM TicketEntity t")
 *         .filter("t.status = :status", "status", query.status())
 *         .filterContains("t.searchText", "q", query.q())
 *         .orderBy(page, SortKey.descending("t.id"))
 *         .page(em, TicketEntity.class, page, t -> Cursor.of(t.id()));
 * }</pre>
 */
public final class QueryBuilder {

    private static final String CURSOR_PARAMETER = "cursorKey";

    private final String select;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private String orderBy = "";

    private QueryBuilder(String select) {
        this.select = select;
    }

    /** @param select the query up to (not including) {@code WHERE}, e.g. {@code SELECT t FROM TicketEntity t} */
    public static QueryBuilder select(String select) {
        return new QueryBuilder(select);
    }

    /** A condition that always applies, with its parameters given as name, value pairs. */
    public QueryBuilder where(String condition, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come as name, value pairs");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            bind((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        conditions.add(condition);
        return this;
    }

    /**
     * A filter on one parameter: added only when the value is present; text is trimmed, and blank
     * text counts as absent.
     */
    public QueryBuilder filter(String condition, String parameter, Object value) {
        Object present = present(value);
        if (present != null) {
            bind(parameter, present);
            conditions.add(condition);
        }
        return this;
    }

    /** A condition added only when {@code applies}, e.g. a flag whose value chooses the clause. */
    public QueryBuilder whereIf(boolean applies, String condition, Object... namesAndValues) {
        return applies ? where(condition, namesAndValues) : this;
    }

    /**
     * {@code field} contains {@code text} literally (LIKE wildcards in the text are escaped); no
     * clause when the text is absent. The text is trimmed, not case-folded: fold both sides the
     * same way before calling.
     */
    public QueryBuilder filterContains(String field, String parameter, String text) {
        Object present = present(text);
        if (present != null) {
            bind(parameter, containing((String) present));
            conditions.add(likeClause(field, parameter));
        }
        return this;
    }

    /** The LIKE clause with the escape character {@link #escapeLike} uses, for hand-built conditions. */
    public static String likeClause(String field, String parameter) {
        return field + " LIKE :" + parameter + " ESCAPE '\\'";
    }

    /** The LIKE pattern matching any text containing {@code text} literally. */
    public static String containing(String text) {
        return "%" + escapeLike(text) + "%";
    }

    /** Escapes LIKE's wildcards and the escape character itself, for {@code ESCAPE '\'}. */
    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * Orders by the sort keys and, when the page starts after a cursor, keeps only the rows after
     * the cursor's position in that order. The keys must end with a unique one (usually the id).
     */
    public QueryBuilder orderBy(PageRequest page, SortKey... keys) {
        return orderBy(page == null ? null : page.after(), keys);
    }

    /** As {@link #orderBy(PageRequest, SortKey...)}, for a cursor already at hand (or none). */
    public QueryBuilder orderBy(Cursor after, SortKey... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("a keyset needs at least one sort key");
        }
        if (after != null) {
            conditions.add(afterCondition(after, keys));
        }
        List<String> order = new ArrayList<>();
        for (SortKey key : keys) {
            order.add(key.field() + (key.descending() ? " DESC" : ""));
        }
        orderBy = " ORDER BY " + String.join(", ", order);
        return this;
    }

    /** (k1 > :c0) OR (k1 = :c0 AND k2 > :c1) ..., with {@code <} for descending keys. */
    private String afterCondition(Cursor after, SortKey[] keys) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            String parameter = CURSOR_PARAMETER + i;
            bind(parameter, keys[i].parse(after.key(i)));
            StringBuilder alternative = new StringBuilder();
            for (int j = 0; j < i; j++) {
                alternative.append(keys[j].field()).append(" = :").append(CURSOR_PARAMETER).append(j).append(" AND ");
            }
            alternative.append(keys[i].field()).append(keys[i].descending() ? " < :" : " > :").append(parameter);
            alternatives.add(keys.length == 1 ? alternative.toString() : "(" + alternative + ")");
        }
        return keys.length == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")";
    }

    public String jpql() {
        return select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + orderBy;
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public <T> TypedQuery<T> query(EntityManager em, Class<T> type) {
        TypedQuery<T> query = em.createQuery(jpql(), type);
        parameters.forEach(query::setParameter);
        return query;
    }

    /** Fetches one keyset page: one row more than the limit, to learn whether a next page exists. */
    public <T> Page<T> page(EntityManager em, Class<T> type, PageRequest page, Function<T, Cursor> cursorOf) {
        TypedQuery<T> query = query(em, type).setMaxResults(page.fetchSize());
        // Outside a transaction the page only becomes DTOs: read-only entities skip the unit of work's
        // registration and its working copies (JFR: a third of EclipseLink's time in a customer search).
        if (!em.getTransaction().isActive()) {
            query.setHint("eclipselink.read-only", "true");
        }
        List<T> rows = query.getResultList();
        return Page.fromFetched(rows, page, cursorOf);
    }

    private void bind(String parameter, Object value) {
        Object previous = parameters.putIfAbsent(parameter, value);
        if (previous != null && !previous.equals(value)) {
            throw new IllegalArgumentException("parameter :" + parameter + " bound twice to different values");
        }
    }

    private static Object present(Object value) {
        if (value instanceof String text) {
            String trimmed = text.trim();
            return trimmed.isEmpty() ? null : trimmed;
        }
        return value;
    }

    /** One sort key of a keyset: the JPQL path, its direction, and how a cursor key turns back into its value. */
    public record SortKey(String field, boolean descending, Function<String, ?> parser) {

        public static SortKey ascending(String field) {
            return new SortKey(field, false, Function.identity());
        }

        public static SortKey descending(String field) {
            return new SortKey(field, true, Function.identity());
        }

        /** The same key whose cursor value is an {@link Instant} ({@code Instant.toString()} in the cursor). */
        public SortKey instant() {
            return new SortKey(field, descending, Instant::parse);
        }

        /** The same key whose cursor value is a {@code long}. */
        public SortKey number() {
            return new SortKey(field, descending, Long::valueOf);
        }

        Object parse(String key) {
            try {
                return parser.apply(key);
            } catch (RuntimeException e) {
                throw new ValidationException("cursor", "does not belong to this list");
            }
        }
    }
}
