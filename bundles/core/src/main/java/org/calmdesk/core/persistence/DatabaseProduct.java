package org.calmdesk.core.persistence;

import javax.persistence.EntityManager;

import org.eclipse.persistence.sessions.Session;

/**
 * Which database a unit runs on, for the few statements whose syntax differs or which use an index
 * only PostgreSQL has (the migrations create those with {@code dbms="postgresql"}). EclipseLink
 * detected it from the connection at login, so this needs no connection of its own (a read outside
 * a transaction holds none).
 */
public final class DatabaseProduct {

    private DatabaseProduct() {
    }

    public static boolean isPostgres(EntityManager em) {
        return em.unwrap(Session.class).getPlatform().isPostgreSQL();
    }
}
