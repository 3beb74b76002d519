package org.calmdesk.rest;

/** A published server; closing it removes its paths and nothing else. */
public interface RestEndpoint extends AutoCloseable {

    String address();

    @Override
    void close();
}
