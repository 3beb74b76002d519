package org.calmdesk.ticket.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Durations in whole seconds as a sorted array, stored as 4-byte big-endian values (a day's
 * first-response or resolution times in {@code ticket_day_durations}), and the exact median of
 * several such arrays without merging them.
 */
final class SortedSeconds {

    static final int[] NONE = new int[0];

    private SortedSeconds() {
    }

    static int[] unpack(byte[] stored) {
        if (stored == null || stored.length == 0) {
            return NONE;
        }
        int[] values = new int[stored.length / Integer.BYTES];
        ByteBuffer.wrap(stored).asIntBuffer().get(values);
        return values;
    }

    static byte[] pack(int[] sorted) {
        ByteBuffer buffer = ByteBuffer.allocate(sorted.length * Integer.BYTES);
        buffer.asIntBuffer().put(sorted);
        return buffer.array();
    }

    /** Seconds gathered one at a time (unboxed: a month's open tickets are tens of thousands), then sorted. */
    static final class Collector {
        private int[] values = new int[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = Math.toIntExact(value);
        }

        int[] sorted() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** A copy of {@code sorted} with {@code value} in its place. */
    static int[] with(int[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, Math.toIntExact(value));
        int index = at >= 0 ? at : -at - 1;
        int[] copy = new int[sorted.length + 1];
        System.arraycopy(sorted, 0, copy, 0, index);
        copy[index] = (int) value;
        System.arraycopy(sorted, index, copy, index + 1, sorted.length - index);
        return copy;
    }

    /** A copy of {@code sorted} with one occurrence of {@code value} less; the same array when it has none. */
    static int[] without(int[] sorted, long value) {
        int index = Arrays.binarySearch(sorted, Math.toIntExact(value));
        if (index < 0) {
            return sorted;
        }
        int[] copy = new int[sorted.length - 1];
        System.arraycopy(sorted, 0, copy, 0, index);
        System.arraycopy(sorted, index + 1, copy, index, sorted.length - index - 1);
        return copy;
    }

    /**
     * The median of all values of the sorted arrays, as PostgreSQL's {@code PERCENTILE_CONT(0.5)}
     * gives it (the middle value, or the mean of the middle two) rounded to a whole second; null
     * when there are none.
     */
    static Long median(List<int[]> sortedArrays) {
        long count = 0;
        for (int[] values : sortedArrays) {
            count += values.length;
        }
        if (count == 0) {
            return null;
        }
        long lower = kth(sortedArrays, (count - 1) / 2);
        if (count % 2 == 1) {
            return lower;
        }
        return Math.round((lower + kth(sortedArrays, count / 2)) / 2.0);
    }

    /** The k-th smallest value (from 0): the least value v with more than k values at or below it, by bisection on v. */
    static long kth(List<int[]> sortedArrays, long k) {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (int[] values : sortedArrays) {
            if (values.length > 0) {
                low = Math.min(low, values[0]);
                high = Math.max(high, values[values.length - 1]);
            }
        }
        while (low < high) {
            long middle = Math.floorDiv(low + high, 2);
            if (atOrBelow(sortedArrays, middle) > k) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static long atOrBelow(List<int[]> sortedArrays, long value) {
        long count = 0;
        for (int[] values : sortedArrays) {
            int from = 0;
            int to = values.length;
            while (from < to) {
                int middle = (from + to) >>> 1;
                if (values[middle] <= value) {
                    from = middle + 1;
                } else {
                    to = middle;
                }
            }
            count += from;
        }
        return count;
    }
}
