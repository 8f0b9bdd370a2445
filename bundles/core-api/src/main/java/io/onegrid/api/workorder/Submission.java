package io.onegrid.api.workorder;

/**
 * A report entering the kernel through any channel.
 *
 * @param channel        one of {@link Channels} or a plugin's own
 * @param category       a minor category code (4 digits, e.g. {@code 0601} burst pipe)
 * @param description    what is wrong, 1 to 2000 characters
 * @param addressCode    where: a 20-digit standard address code, or the region code of a village or grid doorplate;
 *                       may be {@code null} when {@code location} is given
 * @param location       where: the point, may be {@code null} when {@code addressCode} is given
 * @param reporter       who reported it; may be {@code null} for channels that have no reporter (alarms)
 * @param idempotencyKey chosen by the channel, unique per channel (1 to 100 of {@code A-Z a-z 0-9 . _ : -}): a
 *                       retry with the same key answers the order of the first attempt and creates nothing
 */
public record Submission(String channel, String category, String description, String addressCode, Location location,
        Reporter reporter, String idempotencyKey) {
}
