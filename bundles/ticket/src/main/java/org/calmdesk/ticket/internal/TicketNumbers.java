package org.calmdesk.ticket.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

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
        return tx.inTransaction(em -> {
            String product = productName(em);
            return new TicketNumbers(product.contains("postgres")
                    ? "SELECT nextval('" + SEQUENCE + "')"
                    : "SELECT NEXT VALUE FOR " + SEQUENCE);
        });
    }

    String next(EntityManager em) {
        long value = ((Number) em.createNativeQuery(nextValueSql).getSingleResult()).longValue();
        return format(value);
    }

    static String format(long value) {
        return String.format(Locale.ROOT, "CD-%06d", value);
    }

    private static String productName(EntityManager em) {
        try {
            Connection connection = em.unwrap(Connection.class);
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }
}
