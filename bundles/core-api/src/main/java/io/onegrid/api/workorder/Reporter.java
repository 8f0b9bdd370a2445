package io.onegrid.api.workorder;

/**
 * Who reported a problem, for the callback and the revisit. Personal information: it is shown in full only to those
 * who handle or dispatch the order, masked to everyone else.
 *
 * @param name  may be {@code null} (anonymous), at most 50 characters
 * @param phone callback phone; required for anonymous QR reports, at most 32 characters
 */
public record Reporter(String name, String phone) {
}
