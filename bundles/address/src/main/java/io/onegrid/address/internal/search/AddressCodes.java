package io.onegrid.address.internal.search;

/** Address codes (12-digit village code + 8-digit sequence) as two numbers, for compact storage and fast compares. */
final class AddressCodes {

    private AddressCodes() {
    }

    /** Whether the code has 20 digits (the importer also checks the village part; the index needs the digits only). */
    static boolean isDigits20(String code) {
        if (code == null || code.length() != 20) {
            return false;
        }
        for (int i = 0; i < 20; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static long hi(String code) {
        return Long.parseLong(code, 0, 12, 10);
    }

    static int lo(String code) {
        return Integer.parseInt(code, 12, 20, 10);
    }

    static String format(long hi, int lo) {
        char[] out = new char[20];
        for (int i = 11; i >= 0; i--) {
            out[i] = (char) ('0' + hi % 10);
            hi /= 10;
        }
        for (int i = 19; i >= 12; i--) {
            out[i] = (char) ('0' + lo % 10);
            lo /= 10;
        }
        return new String(out);
    }
}
