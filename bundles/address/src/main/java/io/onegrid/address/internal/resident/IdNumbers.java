package io.onegrid.address.internal.resident;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit
 * sequence (odd for men) and an ISO 7064 MOD 11-2 check character.
 *
 * <p>Nothing here puts the digits of a number into a message, an exception or {@code toString()}: they are personal
 * information under PIPL and such texts end up in logs.
 */
public final class IdNumbers {

    public static final int LENGTH = 18;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    /** Birth dates are Beijing dates; "today" must not depend on the server's time zone. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final boolean[] PROVINCES = provinces();

    private IdNumbers() {
    }

    /** Why a number was refused. */
    public enum Reason {
        EMPTY("no ID number was given", "未填写身份证号码"),
        LENGTH("an ID number has 18 characters", "身份证号码应为18位"),
        CHARACTERS("the first 17 characters must be digits and the last a digit or X",
                "前17位应为数字，最后一位应为数字或X"),
        AREA("the first two digits are not a province-level area code", "前两位不是省级行政区划代码"),
        BIRTH_DATE("characters 7 to 14 are not a possible birth date", "第7至14位不是有效的出生日期"),
        CHECK_CHARACTER("the check character does not match the first 17 characters (a typing error?)",
                "校验码与前17位不符（可能输入有误）");

        private final String english;
        private final String chinese;

        Reason(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        /** The reason in Simplified Chinese for any {@code zh} locale, in English otherwise. */
        public String message(Locale locale) {
            return locale != null && "zh".equals(locale.getLanguage()) ? chinese : english;
        }
    }

    /**
     * The outcome of {@link #validate(String)}.
     *
     * @param normalized the number as it should be stored (see {@link #normalize(String)}); {@code null} for no input
     * @param reason     {@code null} when the number is valid
     * @param message    English detail, never containing the number's digits; {@code null} when valid
     */
    public record Result(String normalized, Reason reason, String message) {

        public boolean valid() {
            return reason == null;
        }

        /** Masked, so that logging a result does not log an ID number. */
        @Override
        public String toString() {
            return valid() ? "valid ID number " + mask(normalized) : "invalid ID number (" + message + ")";
        }
    }

    /**
     * Removes spaces (including the full-width and no-break spaces Chinese input methods produce), turns full-width
     * digits into ASCII ones and {@code x} into {@code X}. {@code null} stays {@code null}.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            if (c >= '０' && c <= '９') {
                c = (char) ('0' + (c - '０'));
            } else if (c == 'x' || c == 'ｘ' || c == 'Ｘ') {
                c = 'X';
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Checks a number against today's date in China. */
    public static Result validate(String raw) {
        return validate(raw, LocalDate.now(CHINA));
    }

    /** Checks a number; {@code today} is the latest acceptable birth date. */
    public static Result validate(String raw, LocalDate today) {
        Objects.requireNonNull(today, "today");
        String id = normalize(raw);
        if (id == null || id.isEmpty()) {
            return invalid(id, Reason.EMPTY, Reason.EMPTY.english);
        }
        if (id.length() != LENGTH) {
            return invalid(id, Reason.LENGTH, "an ID number has 18 characters, this one has " + id.length());
        }
        for (int i = 0; i < LENGTH - 1; i++) {
            if (!isAsciiDigit(id.charAt(i))) {
                return invalid(id, Reason.CHARACTERS, "character " + (i + 1) + " is not a digit 0-9");
            }
        }
        char last = id.charAt(LENGTH - 1);
        if (!isAsciiDigit(last) && last != 'X') {
            return invalid(id, Reason.CHARACTERS, "the last character must be a digit or X");
        }
        if (!PROVINCES[number(id, 0, 2)]) {
            return invalid(id, Reason.AREA, Reason.AREA.english);
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(number(id, 6, 10), number(id, 10, 12), number(id, 12, 14));
        } catch (DateTimeException e) {
            return invalid(id, Reason.BIRTH_DATE, "characters 7 to 14 are not a calendar date");
        }
        if (birth.isBefore(EARLIEST_BIRTH)) {
            return invalid(id, Reason.BIRTH_DATE, "the birth date (characters 7 to 14) lies before 1900");
        }
        if (birth.isAfter(today)) {
            return invalid(id, Reason.BIRTH_DATE, "the birth date (characters 7 to 14) lies in the future");
        }
        if (checkCharacter(id) != last) {
            return invalid(id, Reason.CHECK_CHARACTER, Reason.CHECK_CHARACTER.english);
        }
        return new Result(id, null, null);
    }

    /**
     * The number for display: first 6 characters (the area), 8 stars, last 4 characters ({@code 110105********002X}).
     * Anything that is not 18 characters long comes back as stars only, so a malformed value never leaks either.
     */
    public static String mask(String id) {
        String n = normalize(id);
        if (n == null) {
            return null;
        }
        if (n.length() != LENGTH) {
            return "*".repeat(n.length());
        }
        return n.substring(0, 6) + "********" + n.substring(LENGTH - 4);
    }

    /** The birth date of a valid number. */
    public static LocalDate birthDate(String id) {
        String n = requireValid(id);
        return LocalDate.of(number(n, 6, 10), number(n, 10, 12), number(n, 12, 14));
    }

    /** Whether a valid number belongs to a man: the sequence number (character 17) is odd. */
    public static boolean isMale(String id) {
        return (requireValid(id).charAt(16) - '0') % 2 == 1;
    }

    /**
     * Appends the check character to 17 digits. For demo data and tests that need valid fictional numbers; it does
     * not check the area or the date.
     */
    public static String withCheckCharacter(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1 || !first17.chars().allMatch(IdNumbers::isAsciiDigit)) {
            throw new IllegalArgumentException("expected exactly 17 digits");
        }
        return first17 + checkCharacter(first17);
    }

    private static char checkCharacter(CharSequence digits) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static String requireValid(String id) {
        Result result = validate(id);
        if (!result.valid()) {
            throw new IllegalArgumentException("not a valid ID number: " + result.message());
        }
        return result.normalized();
    }

    private static Result invalid(String normalized, Reason reason, String message) {
        return new Result(normalized, reason, message);
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String digits, int from, int to) {
        return Integer.parseInt(digits, from, to, 10);
    }

    /** Province-level codes of GB/T 2260, plus 71 (Taiwan) and 81/82/83 (residence permits of Hong Kong, Macao and Taiwan residents). */
    private static boolean[] provinces() {
        boolean[] p = new boolean[100];
        int[][] ranges = {{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}};
        for (int[] range : ranges) {
            for (int code = range[0]; code <= range[1]; code++) {
                p[code] = true;
            }
        }
        return p;
    }
}
