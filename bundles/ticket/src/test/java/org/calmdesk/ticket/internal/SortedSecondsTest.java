package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SortedSecondsTest {

    @Test
    void theMedianOfSeveralSortedArraysIsTheMedianOfAllTheirValues() {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            List<int[]> arrays = new ArrayList<>();
            List<Integer> all = new ArrayList<>();
            for (int a = random.nextInt(5); a >= 0; a--) {
                int[] values = random.ints(random.nextInt(40), 0, round % 2 == 0 ? 50 : 1_000_000).toArray();
                Arrays.sort(values);
                arrays.add(values);
                Arrays.stream(values).forEach(all::add);
            }
            all.sort(null);
            Long expected = all.isEmpty() ? null : all.size() % 2 == 1 ? (long) all.get(all.size() / 2)
                    : Math.round((all.get(all.size() / 2 - 1) + all.get(all.size() / 2)) / 2.0);
            assertEquals(expected, SortedSeconds.median(arrays), "round " + round);
        }
        assertNull(SortedSeconds.median(List.of(new int[0], new int[0])));
        assertEquals(3L, SortedSeconds.median(List.of(new int[] { 2 }, new int[] { 3, 4 })));
        assertEquals(4L, SortedSeconds.median(List.of(new int[] { 2, 5 }, new int[0])), "3.5 rounds up, as Math.round does");
    }

    @Test
    void valuesGoInAndOutInOrderAndSurviveStorage() {
        int[] values = SortedSeconds.with(SortedSeconds.with(SortedSeconds.with(SortedSeconds.NONE, 30), 10), 20);
        assertArrayEquals(new int[] { 10, 20, 30 }, values);
        assertArrayEquals(new int[] { 10, 20, 20, 30 }, SortedSeconds.with(values, 20));
        assertArrayEquals(new int[] { 10, 30 }, SortedSeconds.without(values, 20));
        assertArrayEquals(values, SortedSeconds.without(values, 25), "a value it does not hold: unchanged");
        assertArrayEquals(values, SortedSeconds.unpack(SortedSeconds.pack(values)));
        SortedSeconds.Collector collector = new SortedSeconds.Collector();
        for (int i = 3000; i > 0; i--) {
            collector.add(i % 7 == 0 ? 7 : i); // past its first capacity, with repeats
        }
        int[] sorted = collector.sorted();
        assertEquals(3000, sorted.length);
        assertEquals(7, sorted[6]);
        assertEquals(3000, sorted[2999]);
        assertEquals(0, SortedSeconds.unpack(null).length);
    }
}
