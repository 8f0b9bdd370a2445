package io.onegrid.address.internal.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.address.internal.resident.IdNumbers.Reason;
import io.onegrid.address.internal.resident.IdNumbers.Result;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumbersTest {

    private static final String DOMAIN_EXAMPLE = "11010519491231002X";
    /** A fixed "today" for tests that must not depend on the clock. */
    private static final LocalDate TODAY = LocalDate.of(2024, 6, 15);

    /** One real county-level area code per province-level code (GB/T 2260), plus 71, 81, 82 and 83. */
    private static final List<String> AREAS = List.of("110105", "120101", "130102", "140105", "150102", "210102",
            "220102", "230102", "310101", "320102", "330102", "340102", "350102", "360102", "370102", "370322",
            "410102", "420102", "430102", "440103", "450102", "460105", "500101", "510104", "520102", "530102",
            "540102", "610102", "620102", "630102", "640104", "650102", "710000", "810000", "820000");

    /**
     * The check character straight from ISO 7064 MOD 11-2, independent of the weight table in the code: the digit at
     * position i (counted from the right, the check character being position 1) weighs 2^(i-1) mod 11, and the check
     * value v makes the weighted sum plus v equal 1 modulo 11; v = 10 is written X.
     */
    static char iso7064(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int weight = java.math.BigInteger.TWO.modPow(java.math.BigInteger.valueOf(17 - i),
                    java.math.BigInteger.valueOf(11)).intValueExact();
            sum += (first17.charAt(i) - '0') * weight;
        }
        for (int v = 0; v <= 10; v++) {
            if ((sum + v) % 11 == 1) {
                return v == 10 ? 'X' : (char) ('0' + v);
            }
        }
        throw new AssertionError("unreachable");
    }

    static String number(String area, LocalDate birth, int sequence) {
        String first17 = area + String.format("%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(),
                birth.getDayOfMonth(), sequence);
        return first17 + iso7064(first17);
    }

    @Test
    void theDomainExampleIsValid() {
        Result result = IdNumbers.validate(DOMAIN_EXAMPLE);
        assertTrue(result.valid(), result::toString);
        assertEquals(DOMAIN_EXAMPLE, result.normalized());
        assertNull(result.reason());
        assertEquals(LocalDate.of(1949, 12, 31), IdNumbers.birthDate(DOMAIN_EXAMPLE));
        assertFalse(IdNumbers.isMale(DOMAIN_EXAMPLE), "sequence 002 is even: a woman");
        assertEquals('X', iso7064(DOMAIN_EXAMPLE.substring(0, 17)), "the oracle agrees with DOMAIN.md");
    }

    @Test
    void lowerCaseXSpacesAndFullWidthCharactersNormalize() {
        for (String variant : List.of("11010519491231002x", " 110105 19491231 002X ", "110105\u300019491231\u00a0002x",
                "１１０１０５１９４９１２３１００２Ｘ", "110105\t19491231\n002ｘ")) {
            Result result = IdNumbers.validate(variant);
            assertTrue(result.valid(), variant + ": " + result);
            assertEquals(DOMAIN_EXAMPLE, result.normalized());
            assertEquals(DOMAIN_EXAMPLE, IdNumbers.normalize(variant));
        }
        assertNull(IdNumbers.normalize(null));
    }

    @Test
    void withCheckCharacterAgreesWithTheIsoDefinition() {
        Random random = new Random(11643);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder digits = new StringBuilder();
            for (int d = 0; d < 17; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String first17 = digits.toString();
            assertEquals(first17 + iso7064(first17), IdNumbers.withCheckCharacter(first17));
        }
        assertEquals(DOMAIN_EXAMPLE, IdNumbers.withCheckCharacter("11010519491231002"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1101051949123100", "110105194912310021", "1101051949123100A", "１１０１０５１９４９１２３１００２"})
    void withCheckCharacterNeedsExactlySeventeenAsciiDigits(String input) {
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.withCheckCharacter(input));
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.withCheckCharacter(null));
    }

    @Test
    void generatedNumbersForManyDatesAndAreasAreValid() {
        // Yesterday in China as the latest date, so that the test cannot trip over midnight.
        LocalDate latest = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        List<LocalDate> dates = new ArrayList<>(List.of(LocalDate.of(1900, 1, 1), LocalDate.of(1904, 2, 29),
                LocalDate.of(2000, 2, 29), LocalDate.of(1999, 12, 31), latest));
        for (LocalDate d = LocalDate.of(1900, 1, 2); !d.isAfter(latest); d = d.plusDays(37)) {
            dates.add(d);
        }
        int checked = 0;
        int sequence = 0;
        int withX = 0;
        for (String area : AREAS) {
            for (LocalDate date : dates) {
                sequence = (sequence + 7) % 1000;
                String id = number(area, date, sequence);
                Result result = IdNumbers.validate(id);
                assertTrue(result.valid(), id + ": " + result.message());
                assertEquals(date, IdNumbers.birthDate(id));
                assertEquals(sequence % 2 == 1, IdNumbers.isMale(id), id);
                withX += id.endsWith("X") ? 1 : 0;
                checked++;
            }
        }
        assertTrue(checked > 30_000, "checked " + checked);
        assertTrue(withX > checked / 20, "numbers ending in X are covered too: " + withX);
    }

    @Test
    void everySingleCharacterChangeIsRejected() {
        List<String> originals = new ArrayList<>(List.of(DOMAIN_EXAMPLE));
        Random random = new Random(7064);
        while (originals.size() < 40) {
            String id = number(AREAS.get(random.nextInt(AREAS.size())),
                    LocalDate.of(1900, 1, 1).plusDays(random.nextInt(45_000)), random.nextInt(1000));
            originals.add(id);
        }
        String replacements = "0123456789Xx" + "AaZz-./ " + "\u3000" + "０５Ｘ" + "٣" + "\u00a0";
        int rejected = 0;
        for (String original : originals) {
            for (int pos = 0; pos < 18; pos++) {
                for (char replacement : replacements.toCharArray()) {
                    char was = original.charAt(pos);
                    if (replacement == was) {
                        continue;
                    }
                    String changed = original.substring(0, pos) + replacement + original.substring(pos + 1);
                    boolean sameNumber = (was == 'X' && (replacement == 'x' || replacement == 'Ｘ'))
                            || (replacement >= '０' && replacement <= '９' && replacement - '０' == was - '0');
                    Result result = IdNumbers.validate(changed, TODAY.plusYears(100));
                    if (sameNumber) {
                        assertTrue(result.valid(), changed + " is the same number written differently");
                    } else {
                        assertFalse(result.valid(), () -> "accepted " + changed + " (from " + original + ")");
                        rejected++;
                    }
                }
            }
        }
        assertTrue(rejected > 40 * 18 * 20, "rejected " + rejected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19490230", "18991231", "19000229", "20230229", "19491301", "19490001", "19490100",
        "19490132", "00000000", "99999999", "20240616", "29991231"})
    void impossibleDatesAreRejectedForTheirDate(String date) {
        String id = IdNumbers.withCheckCharacter("110105" + date + "002");
        Result result = IdNumbers.validate(id, TODAY);
        assertEquals(Reason.BIRTH_DATE, result.reason(), date);
        assertFalse(result.message().contains(date), "the message does not repeat the date: " + result.message());
    }

    @Test
    void futureBirthDatesAreRejectedAgainstTheRealClock() {
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);
        Result result = IdNumbers.validate(number("110105", tomorrow, 1));
        assertEquals(Reason.BIRTH_DATE, result.reason());
        assertTrue(result.message().contains("future"), result.message());
        assertEquals(Reason.BIRTH_DATE, IdNumbers.validate(number("110105", LocalDate.of(2999, 12, 31), 1)).reason());
    }

    @Test
    void boundaryDatesAreAccepted() {
        assertTrue(IdNumbers.validate(number("110105", LocalDate.of(1900, 1, 1), 1), TODAY).valid());
        assertTrue(IdNumbers.validate(number("110105", TODAY, 1), TODAY).valid(), "born today");
        assertEquals(Reason.BIRTH_DATE, IdNumbers.validate(number("110105", TODAY.plusDays(1), 1), TODAY).reason());
        assertTrue(IdNumbers.validate(number("110105", LocalDate.of(2000, 2, 29), 1), TODAY).valid());
    }

    @Test
    void exactlyTheProvinceLevelCodesAreAccepted() {
        Set<Integer> provinces = Set.of(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
                46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83);
        for (int code = 0; code < 100; code++) {
            String id = IdNumbers.withCheckCharacter(String.format("%02d0105", code) + "19491231" + "002");
            Result result = IdNumbers.validate(id, TODAY);
            if (provinces.contains(code)) {
                assertTrue(result.valid(), id);
            } else {
                assertEquals(Reason.AREA, result.reason(), id);
            }
        }
    }

    @Test
    void eachReasonIsReported() {
        assertEquals(Reason.EMPTY, IdNumbers.validate(null).reason());
        assertEquals(Reason.EMPTY, IdNumbers.validate("").reason());
        assertEquals(Reason.EMPTY, IdNumbers.validate(" \u3000 ").reason());
        assertEquals(Reason.LENGTH, IdNumbers.validate("1101051949123100").reason());
        assertEquals(Reason.LENGTH, IdNumbers.validate("11010519491231002X1").reason());
        assertTrue(IdNumbers.validate("110105194912310").message().contains("15"), "says how long it is");
        assertEquals(Reason.CHARACTERS, IdNumbers.validate("11010519491231002A").reason());
        assertEquals(Reason.CHARACTERS, IdNumbers.validate("1101051949X231002X").reason());
        assertTrue(IdNumbers.validate("1101051949X231002X").message().contains("character 11"));
        assertEquals(Reason.CHARACTERS, IdNumbers.validate("11010519491231002-").reason());
        assertEquals(Reason.AREA, IdNumbers.validate(IdNumbers.withCheckCharacter("99010519491231002")).reason());
        assertEquals(Reason.CHECK_CHARACTER, IdNumbers.validate("110105194912310021").reason());
        assertEquals(Reason.CHECK_CHARACTER, IdNumbers.validate("11010519491231002X".replace('X', '0')).reason());
    }

    @Test
    void reasonsHaveChineseTexts() {
        assertEquals("校验码与前17位不符（可能输入有误）", Reason.CHECK_CHARACTER.message(Locale.SIMPLIFIED_CHINESE));
        assertEquals("第7至14位不是有效的出生日期", Reason.BIRTH_DATE.message(Locale.CHINESE));
        assertTrue(Reason.BIRTH_DATE.message(Locale.ENGLISH).startsWith("characters 7 to 14"));
        assertTrue(Reason.BIRTH_DATE.message(null).startsWith("characters 7 to 14"));
    }

    @Test
    void masksShowTheAreaAndTheLastFourOnly() {
        assertEquals("110105********002X", IdNumbers.mask(DOMAIN_EXAMPLE));
        assertEquals("110105********002X", IdNumbers.mask("110105 19491231 002x"));
        assertEquals("370322********1234", IdNumbers.mask("370322198001011234"));
        assertEquals(18, IdNumbers.mask(DOMAIN_EXAMPLE).length());
        assertFalse(IdNumbers.mask(DOMAIN_EXAMPLE).contains("1949"));
        assertEquals("***************", IdNumbers.mask("110105491231002"), "a 15-digit number is masked entirely");
        assertEquals("", IdNumbers.mask(""));
        assertNull(IdNumbers.mask(null));
    }

    @Test
    void resultsAndMessagesNeverSpellOutTheNumber() {
        String valid = number("370322", LocalDate.of(1987, 6, 5), 123);
        assertFalse(IdNumbers.validate(valid).toString().contains(valid.substring(6, 14)));
        assertTrue(IdNumbers.validate(valid).toString().contains(IdNumbers.mask(valid)));
        String wrongCheck = valid.substring(0, 17) + (valid.endsWith("0") ? "1" : "0");
        for (String bad : List.of(wrongCheck, "370322198706311234", "990322198706051234", "37032219870605123")) {
            Result result = IdNumbers.validate(bad, TODAY);
            assertFalse(result.valid());
            assertFalse(result.toString().contains("19870605") || result.toString().contains("370322"), result::toString);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdNumbers.birthDate(wrongCheck));
        assertFalse(e.getMessage().contains("19870605"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdNumbers.isMale("110105194912310021"));
    }
}
