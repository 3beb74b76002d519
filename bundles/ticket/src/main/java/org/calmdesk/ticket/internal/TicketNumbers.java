package org.calmdesk.ticket.internal;

import java.util.Locale;

import javax.persistence.EntityManager;

import org.calmdesk.core.persistence.DatabaseProduct;
import org.calmdesk.core.persistence.Transactions;

/**
 * Human-readable ticket numbers ({@code CD-000042}) from a database sequence, so two nodes on one
 * database never hand out the same number (max+1 would race). Gaps are possible and harmless.
 */
final class TicketNumbers {

    static final String SEQUENCE = "ticket_number_seq";

    private final String nextValueSql;

    private TicketNumbers(String nextValueSql) {
        this.nextValueSql = nextValueSql;
    }

    /** Learns the database's syntax for the sequence, which the module's migrations create. */
    static TicketNumbers create(Transactions tx) {
        return tx.inTransaction(em -> new TicketNumbers(DatabaseProduct.isPostgres(em)
                ? "SELECT nextval('" + SEQUENCE + "')"
                : "SELECT NEXT VALUE FOR " + SEQUENCE));
    }

    String next(EntityManager em) {
        long value = ((Number) em.createNativeQuery(nextValueSql).getSingleResult()).longValue();
        return format(value);
    }

    static String format(long value) {
        return String.format(Locale.ROOT, "CD-%06d", value);
    }
}
