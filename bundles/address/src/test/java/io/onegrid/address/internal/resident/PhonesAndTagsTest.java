package io.onegrid.address.internal.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhonesAndTagsTest {

    @Test
    void mobileAndLandlineNumbersAreNormalizedAndMasked() {
        assertEquals("13812345678", Phones.normalize("+86 138 1234 5678"));
        assertEquals("0533-6123456", Phones.normalize("(0533)6123456"));
        assertEquals("010-61234567-12", Phones.normalize("010-61234567-12"));
        assertNull(Phones.normalize("12812345678"), "12x is no mobile prefix");
        assertNull(Phones.normalize("110"));
        assertNull(Phones.normalize("0533-012345"));
        assertEquals("138****5678", Phones.mask("13812345678"));
        assertEquals("0533-*****56", Phones.mask("0533-6123456"));
        assertEquals("010-******67", Phones.mask("010-61234567-12"), "the extension is dropped");
    }

    @Test
    void tagsComeFromTheVocabularyByCodeOrChineseName() {
        List<String> unknown = new ArrayList<>();
        assertEquals(List.of("disabled", "elderly-alone"), ResidentTags.parse(ResidentTags.split("独居老人；Disabled;;"
                + "elderly-alone"), unknown));
        assertEquals(List.of(), unknown);
        assertEquals(List.of("party-member"), ResidentTags.parse(List.of("party_member"), unknown));
        ResidentTags.parse(List.of("vip"), unknown);
        assertEquals(List.of("vip"), unknown);
        assertEquals(",disabled,migrant,", ResidentTags.store(List.of("disabled", "migrant")));
        assertEquals(List.of("disabled", "migrant"), ResidentTags.read(",disabled,migrant,"));
        assertEquals(List.of(), ResidentTags.read(","));
    }
}
