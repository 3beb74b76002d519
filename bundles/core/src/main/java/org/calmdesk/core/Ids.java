package org.calmdesk.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Opaque record ids: UUID version 7 (RFC 9562). They sort by creation time, so a list ordered
 * by id is chronological and keyset pagination needs only the primary-key index. Within this JVM
 * they are also strictly increasing (RFC 9562 section 6.2, method 3): two ids made in the same
 * millisecond, or after the clock stepped back, still sort in the order they were made, so a
 * history ordered by id keeps the order its entries were written in.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long VARIANT_MASK = 0x3FFFFFFFFFFFFFFFL;
    private static final long VARIANT_BITS = 0x8000000000000000L;

    private static long lastMsb;
    private static long lastLsb;

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
        lsb = (lsb & VARIANT_MASK) | VARIANT_BITS;
        return monotonic(msb, lsb).toString();
    }

    /** The new id, or the previous one plus one when the new one would not sort after it. */
    private static synchronized UUID monotonic(long msb, long lsb) {
        int order = Long.compareUnsigned(msb, lastMsb);
        if (order < 0 || (order == 0 && Long.compareUnsigned(lsb, lastLsb) <= 0)) {
            msb = lastMsb;
            lsb = ((lastLsb & VARIANT_MASK) + 1) & VARIANT_MASK;
            if (lsb == 0) {
                msb++; // the 62 random bits ran over: carry into rand_a
            }
            lsb |= VARIANT_BITS;
        }
        lastMsb = msb;
        lastLsb = lsb;
        return new UUID(msb, lsb);
    }
}
