package org.calmdesk.core.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.LoggerFactory;

import liquibase.Scope;

/**
 * Which changelogs a database is known to be current with, so that a restart need not start
 * Liquibase at all (issue 17: on a restart of the distribution Liquibase took 3.7 s, 2 s of them
 * loading itself, to find nothing to do in eight changelogs).
 *
 * <p>After Liquibase has brought a module up to date, the platform table {@value #TABLE} records the
 * changelog's fingerprint (its files' bytes and Liquibase's version) with the number of rows the
 * module's changelog table then had. At the next start, when the fingerprint is the same and the
 * changelog table still has that many rows, nothing can be pending: a changeset added, an applied
 * one edited (which Liquibase refuses) or a Liquibase upgrade changes the fingerprint, and a row
 * removed from the changelog table changes the count; Liquibase runs in each of these cases.
 * A changelog that includes its files in any other way than one {@code <include file="..."
 * relativeToChangelogFile="true"/>} per file has no fingerprint, and Liquibase always runs for it.
 */
final class AppliedChangelogs {

    /** Created by platform changeset 4. */
    static final String TABLE = "calmdesk_schema_applied";

    private static final Pattern INCLUDE = Pattern.compile("<include\\s+file=\"([A-Za-z0-9._-]+)\"\\s+relativeToChangelogFile=\"true\"\\s*/>");

    private AppliedChangelogs() {
    }

    /** The fingerprint of {@code changelog} and the files it includes, or empty when it cannot be told. */
    static Optional<String> fingerprint(String changelog, ClassLoader resources) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update(liquibaseVersion().getBytes(StandardCharsets.UTF_8));
        byte[] root = read(resources, changelog);
        if (root == null) {
            return Optional.empty();
        }
        digest.update(root);
        String text = new String(root, StandardCharsets.UTF_8);
        String folder = changelog.substring(0, changelog.lastIndexOf('/') + 1);
        int followed = 0;
        Matcher include = INCLUDE.matcher(text);
        while (include.find()) {
            byte[] file = read(resources, folder + include.group(1));
            if (file == null || new String(file, StandardCharsets.UTF_8).contains("<include")) {
                return Optional.empty();
            }
            digest.update(include.group(1).getBytes(StandardCharsets.UTF_8));
            digest.update(file);
            followed++;
        }
        if (occurrences(text, "<include") != followed) {
            return Optional.empty(); // includeAll, or an include written otherwise: only Liquibase can tell
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * True when {@code fingerprint} was recorded for the module and its changelog table still has as
     * many rows as then; false also when either table does not exist yet.
     */
    static boolean isCurrent(Connection connection, String module, String fingerprint) {
        try {
            Integer recorded = null;
            try (PreparedStatement read = connection.prepareStatement("SELECT changesets FROM " + TABLE + " WHERE module = ? AND fingerprint = ?")) {
                read.setString(1, module);
                read.setString(2, fingerprint);
                try (ResultSet row = read.executeQuery()) {
                    if (row.next()) {
                        recorded = row.getInt(1);
                    }
                }
            }
            return recorded != null && recorded == changesets(connection, module);
        } catch (SQLException notYetCreated) {
            rollbackIfInTransaction(connection);
            return false;
        }
    }

    /** Records that the module's schema is current with {@code fingerprint}; a failure only means Liquibase runs next time. */
    static void record(Connection connection, String module, String fingerprint) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE module = ? AND fingerprint = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO " + TABLE + " (module, fingerprint, changesets, applied_at) VALUES (?, ?, ?, ?)")) {
                int changesets = changesets(connection, module);
                delete.setString(1, module);
                delete.setString(2, fingerprint);
                delete.executeUpdate();
                insert.setString(1, module);
                insert.setString(2, fingerprint);
                insert.setInt(3, changesets);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LoggerFactory.getLogger(AppliedChangelogs.class).warn("Module {}: could not record its schema as current ({}); "
                    + "Liquibase checks it again at the next start", module, e.toString());
        }
    }

    private static int changesets(Connection connection, String module) throws SQLException {
        try (Statement count = connection.createStatement();
                ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM " + module + "_databasechangelog")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void rollbackIfInTransaction(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // PostgreSQL refuses every later statement of a failed transaction
            }
        } catch (SQLException ignored) {
            // the connection is broken; the Liquibase run that follows reports it
        }
    }

    /** Liquibase's version: an upgrade may compute checksums differently, so it runs once after one. */
    private static String liquibaseVersion() {
        Bundle bundle = FrameworkUtil.getBundle(Scope.class);
        if (bundle != null) {
            return bundle.getVersion().toString();
        }
        var source = Scope.class.getProtectionDomain().getCodeSource();
        return source == null ? "unknown" : String.valueOf(source.getLocation());
    }

    private static byte[] read(ClassLoader resources, String name) {
        try (InputStream in = resources.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static int occurrences(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            count++;
        }
        return count;
    }
}
