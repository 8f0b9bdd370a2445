package io.onegrid.plugin.flood.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The readings' way to the database: a bounded queue drained by one writer thread in batches of up to
 * {@code batchSize}, so that many readings share one transaction while alarms are still judged one reading at a
 * time, in arrival order (one writer, one queue: the order per station is the order of arrival). A full queue makes
 * the receivers wait (back-pressure to the broker) instead of dropping readings. {@link #stop} drains what is queued
 * before it returns: a normal stop loses nothing that was accepted.
 */
final class Ingest {

    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

    /** A reading as received: where from, which station, its time and level, when it arrived. */
    record Pending(String source, String code, String townCode, Instant ts, double level, Instant receivedAt) {
    }

    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final Consumer<List<Pending>> sink;
    private final Thread writer;
    private volatile boolean stopping;

    Ingest(int capacity, int batchSize, Consumer<List<Pending>> sink) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.sink = sink;
        this.writer = new Thread(this::run, "onegrid-flood-ingest");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues a reading, waiting while the queue is full; after {@link #stop}, hands it over at once. */
    void put(Pending p) {
        if (stopping) {
            sink.accept(List.of(p));
            return;
        }
        try {
            queue.put(p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.accept(List.of(p));
        }
    }

    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                sink.accept(batch);
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (RuntimeException | Error e) {
                LOG.error("Flood readings: a batch of {} failed: {}", batch.size(), e.toString(), e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Stops taking readings into the queue and waits (up to a minute) until the writer has written the rest. */
    void stop() {
        stopping = true;
        try {
            writer.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("Flood readings: the writer did not finish within a minute; {} readings still queued",
                    queue.size());
        }
    }
}
