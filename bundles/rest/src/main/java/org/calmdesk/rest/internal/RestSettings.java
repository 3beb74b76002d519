package org.calmdesk.rest.internal;

/**
 * The live values of PID {@code calmdesk.rest}, shared by every server's filters so that a
 * configuration change applies at once without republishing anything.
 */
final class RestSettings {

    volatile String realm = "karaf";
    volatile long maxBodyBytes = 1_048_576;
    volatile long authCacheMillis = 60_000;
    volatile boolean apiExplorer = true;

    void apply(RestConfig config) {
        realm = config.realm();
        maxBodyBytes = config.maxBodyBytes();
        authCacheMillis = config.authCacheSeconds() * 1000L;
        apiExplorer = config.apiExplorer();
    }
}
