package io.onegrid.address.internal.search;

import java.util.Arrays;

/**
 * Open-addressing map from int keys to dense slots 0, 1, 2, ... in insertion order: the per-key counters of the
 * postings build live in a plain array indexed by slot, without a boxed key per bigram occurrence.
 */
final class IntIntMap {

    private int[] table; // key per bucket
    private int[] slot;  // slot + 1 per bucket, 0 = empty
    private int[] keys;  // key per slot
    private int size;

    IntIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new int[capacity];
        slot = new int[capacity];
        keys = new int[Math.max(16, expected)];
    }

    /** The slot of {@code key}, added when absent. */
    int slotOf(int key) {
        int mask = table.length - 1;
        int b = mix(key) & mask;
        while (slot[b] != 0) {
            if (table[b] == key) {
                return slot[b] - 1;
            }
            b = (b + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size] = key;
        table[b] = key;
        slot[b] = ++size;
        if (size * 2 > table.length) {
            grow();
        }
        return size - 1;
    }

    int size() {
        return size;
    }

    /** The key of each slot. */
    int[] keys() {
        return Arrays.copyOf(keys, size);
    }

    private void grow() {
        int[] oldTable = table;
        int[] oldSlot = slot;
        table = new int[oldTable.length * 2];
        slot = new int[oldTable.length * 2];
        int mask = table.length - 1;
        for (int i = 0; i < oldTable.length; i++) {
            if (oldSlot[i] != 0) {
                int b = mix(oldTable[i]) & mask;
                while (slot[b] != 0) {
                    b = (b + 1) & mask;
                }
                table[b] = oldTable[i];
                slot[b] = oldSlot[i];
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
