package io.onegrid.plugin.flood.internal;

import java.time.Instant;

/**
 * A minute or an hour of a station's readings, as {@code GET /flood/stations/{code}/readings} answers it for
 * {@code resolution=minute|hour}: {@code ts} and {@code level} as in a raw reading (so a chart of raw readings draws
 * these too), plus the spread.
 *
 * @param ts    the bucket's start
 * @param level the mean level of the bucket (same as {@code avg})
 * @param min   lowest level
 * @param max   highest level
 * @param avg   mean over the readings
 * @param last  the last reading's level (by observation time)
 * @param count how many readings
 */
public record ReadingAggregate(Instant ts, double level, double min, double max, double avg, double last, int count) {

    static ReadingAggregate of(Rollup.Bucket b) {
        return new ReadingAggregate(b.ts(), b.avg(), b.min(), b.max(), b.avg(), b.last(), b.count());
    }
}
