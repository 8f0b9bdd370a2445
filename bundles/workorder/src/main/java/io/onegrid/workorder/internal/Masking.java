package io.onegrid.workorder.internal;

/** Masks personal information on the server (PIPL), so that a list never carries it in clear. */
final class Masking {

    private Masking() {
    }

    /** {@code 13812345678} &rarr; {@code 138****5678}; short numbers are masked whole. */
    static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        return phone.length() < 8 ? "****" : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
