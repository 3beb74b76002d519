package org.calmdesk.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Opaque record ids: UUID version 7 (RFC 9562). They sort by creation time, so a list ordered
 * by id is chronological and keyset pagination needs only the primary-key index.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        return newId(Clock.systemUTC());
    }

    static String newId(Clock clock) {
        long millis = clock.millis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long msb = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = (lsb << 8) | (random[i] & 0xFFL);
        }
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
