package io.onegrid.address.internal.resident;

import java.util.regex.Pattern;

/**
 * Residents' phone numbers: a mainland mobile number ({@code 1[3-9]} and 9 digits, an optional {@code +86}) or a
 * landline with its area code ({@code 0533-1234567}, an optional extension). Kept normalized (digits, one dash after
 * the area code) and masked for listings (PIPL: a list is not the place to read out a phone number).
 */
public final class Phones {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** Area codes are 010, 02x or 0 + 3 digits; local numbers 7 or 8 digits. */
    private static final Pattern LANDLINE = Pattern.compile("(0(?:10|2\\d|[3-9]\\d{2}))-?([2-9]\\d{6,7})(?:-(\\d{1,6}))?");

    private Phones() {
    }

    /** The normalized number, or {@code null} when {@code raw} is neither a mobile nor a landline number. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip().replace(" ", "").replace("\u3000", "").replace('（', '(').replace('）', ')')
                .replace("(", "").replace(")", "").replace('－', '-');
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("0086")) {
            s = s.substring(4);
        }
        if (MOBILE.matcher(s.replace("-", "")).matches() && s.replace("-", "").length() == 11) {
            return s.replace("-", "");
        }
        var m = LANDLINE.matcher(s);
        if (m.matches()) {
            return m.group(1) + "-" + m.group(2) + (m.group(3) == null ? "" : "-" + m.group(3));
        }
        return null;
    }

    /** {@code 138****5678}; a landline keeps its area code and last 2 digits: {@code 0533-*****67}. */
    public static String mask(String phone) {
        if (phone == null || phone.isEmpty()) {
            return phone;
        }
        if (MOBILE.matcher(phone).matches()) {
            return phone.substring(0, 3) + "****" + phone.substring(7);
        }
        int dash = phone.indexOf('-');
        if (dash > 0) {
            String local = phone.substring(dash + 1);
            int ext = local.indexOf('-');
            if (ext > 0) {
                local = local.substring(0, ext);
            }
            if (local.length() > 2) {
                return phone.substring(0, dash + 1) + "*".repeat(local.length() - 2) + local.substring(local.length() - 2);
            }
        }
        return "*".repeat(phone.length());
    }
}
