package io.onegrid.address.internal.resident;

import static io.onegrid.address.internal.resident.ResidentDb.GRID1;
import static io.onegrid.address.internal.resident.ResidentDb.GRID2;
import static io.onegrid.address.internal.resident.ResidentDb.HOUSE_A;
import static io.onegrid.address.internal.resident.ResidentDb.HOUSE_B;
import static io.onegrid.address.internal.resident.ResidentDb.HOUSE_C;
import static io.onegrid.address.internal.resident.ResidentDb.HOUSE_TOWN2;
import static io.onegrid.address.internal.resident.ResidentDb.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.address.internal.resident.ResidentViews.House;
import io.onegrid.address.internal.resident.ResidentViews.Move;
import io.onegrid.address.internal.resident.ResidentViews.MoveRequest;
import io.onegrid.address.internal.resident.ResidentViews.NewHousehold;
import io.onegrid.address.internal.resident.ResidentViews.NewResident;
import io.onegrid.address.internal.resident.ResidentViews.Resident;
import io.onegrid.address.internal.resident.ResidentViews.ResidentChange;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Caller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Residents, households and houses on a real database; run on Derby and on PostgreSQL. */
abstract class ResidentContract {

    static final String HEADER = "id_number,name,phone,address_code,tags\n";
    static final String ID1 = IdNumbers.withCheckCharacter("37039919500101001"); // man, 1950
    static final String ID2 = IdNumbers.withCheckCharacter("37039919800202002"); // woman, 1980
    static final String ID3 = IdNumbers.withCheckCharacter("37039920100303003");
    static final String ID4 = IdNumbers.withCheckCharacter("37039919661212124");

    static final Caller OPERATOR = caller("operator1", "370399101000", Permissions.RESIDENT_READ,
            Permissions.RESIDENT_WRITE, Permissions.RESIDENT_ID_REVEAL);
    static final Caller WORKER1 = caller("gridworker1", GRID1, Permissions.RESIDENT_READ, Permissions.RESIDENT_WRITE);
    static final Caller WORKER2 = caller("gridworker2", GRID2, Permissions.RESIDENT_READ, Permissions.RESIDENT_WRITE);

    abstract ResidentDb db();

    ResidentImporter.Report importCsv(Caller caller, String lines) {
        return db().residents.importCsv(caller, new ByteArrayInputStream((HEADER + lines)
                .getBytes(StandardCharsets.UTF_8)), "127.0.0.1");
    }

    void importFour() {
        ResidentImporter.Report report = importCsv(OPERATOR,
                ID1 + ",张建国,13812345678," + HOUSE_A + ",独居老人;party-member\n"
                        + ID2 + ",李秀英,0533-6123456," + HOUSE_A + ",\n"
                        + ID3 + ",王小明,," + HOUSE_B + ",left-behind-child\n"
                        + ID4 + ",赵刚,15912345678," + HOUSE_C + ",migrant\n");
        assertEquals(4, report.imported());
        assertEquals(3, report.householdsCreated());
    }

    static long idOf(Page<Resident> page, String name) {
        return page.items().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test
    void importedResidentsAreMaskedEncryptedAndGroupedInHouseholds() throws Exception {
        importFour();
        Page<Resident> all = db().residents.list(OPERATOR, new ResidentService.Query(null, null, null, null, null,
                null), PageRequest.first(50));
        assertEquals(4, all.total());
        for (Resident r : all.items()) {
            assertTrue(r.idNumber().matches("370399\\*{8}\\d{3}[\\dX]"), r.idNumber());
        }
        Resident zhang = all.items().stream().filter(r -> r.name().equals("张建国")).findFirst().orElseThrow();
        assertEquals("138****5678", zhang.phone());
        assertEquals(List.of("elderly-alone", "party-member"), zhang.tags());
        assertEquals("M", zhang.gender());
        assertEquals(1950, zhang.birthYear());
        assertEquals("0533-*****56", all.items().stream().filter(r -> r.name().equals("李秀英")).findFirst()
                .orElseThrow().phone());
        assertEquals("13812345678", db().residents.get(OPERATOR, zhang.id()).phone(), "one resident: the whole phone");

        String stored = db().query("SELECT id_cipher FROM og_resident WHERE id = " + zhang.id());
        assertFalse(stored.contains(ID1.substring(6, 14)), "no birth date in clear in the database");
        assertEquals(ID1, db().protector.decrypt(stored));

        House a = db().houses.get(OPERATOR, HOUSE_A);
        assertEquals(2, a.residents());
        assertEquals(1, a.households().size());
        assertEquals(zhang.id(), a.households().get(0).headResidentId());
        assertEquals(2, a.households().get(0).members().size());
        assertTrue(a.households().get(0).members().stream().allMatch(m -> m.idNumber().contains("********")));

        Page<ResidentViews.HouseSummary> houses = db().houses.list(WORKER1, null, null, PageRequest.first(10));
        assertEquals(List.of(HOUSE_A, HOUSE_B), houses.items().stream().map(ResidentViews.HouseSummary::code).toList());
        assertEquals(2, houses.items().get(0).residents());
        assertEquals(1, houses.items().get(0).households());

        List<Move> moves = db().residents.moves(OPERATOR, zhang.id());
        assertEquals(1, moves.size());
        assertEquals("in", moves.get(0).kind());
        assertEquals(HOUSE_A, moves.get(0).toAddress());
    }

    @Test
    void listsAreLimitedToTheScopeAndFiltered() {
        importFour();
        Page<Resident> worker = db().residents.list(WORKER1, new ResidentService.Query(null, null, null, null, null,
                null), PageRequest.first(50));
        assertEquals(List.of("张建国", "李秀英", "王小明"), worker.items().stream().map(Resident::name).toList());
        long zhao = idOf(db().residents.list(OPERATOR, new ResidentService.Query(null, null, "赵", null, null, null),
                PageRequest.first(5)), "赵刚");
        ProblemException e = assertThrows(ProblemException.class, () -> db().residents.get(WORKER1, zhao));
        assertEquals(ProblemType.NOT_FOUND, e.type());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ProblemException.class,
                () -> db().houses.get(WORKER1, HOUSE_C)).type());

        assertEquals(1, db().residents.list(OPERATOR, new ResidentService.Query(GRID2, null, null, null, null, null),
                PageRequest.first(5)).total());
        assertEquals(List.of("张建国"), db().residents.list(OPERATOR, new ResidentService.Query(null, "独居老人", null,
                null, null, null), PageRequest.first(5)).items().stream().map(Resident::name).toList());
        assertEquals(2, db().residents.list(WORKER1, new ResidentService.Query(null, null, null, null, HOUSE_A, null),
                PageRequest.first(5)).total());
        assertEquals(0, db().residents.list(OPERATOR, new ResidentService.Query(null, null, "%", null, null, null),
                PageRequest.first(5)).total(), "a wildcard in the text matches only itself");
        ProblemException unknownTag = assertThrows(ProblemException.class, () -> db().residents.list(OPERATOR,
                new ResidentService.Query(null, "vip", null, null, null, null), PageRequest.first(5)));
        assertTrue(unknownTag.detail().contains("elderly-alone"), unknownTag.detail());
    }

    @Test
    void everyBadLineIsReportedAndNothingIsKept() throws Exception {
        String badCheck = ID1.substring(0, 17) + (ID1.charAt(17) == '1' ? "2" : "1");
        ProblemException e = assertThrows(ProblemException.class, () -> importCsv(WORKER1,
                ID2 + ",李秀英,," + HOUSE_A + ",\n"                         // 2 good
                        + badCheck + ",张建国,," + HOUSE_A + ",\n"           // 3 check character
                        + ID3 + ",王小明,," + HOUSE_B + ",vip\n"             // 4 unknown tag
                        + ID4 + ",赵刚,12345," + HOUSE_B + ",\n"             // 5 phone
                        + IdNumbers.withCheckCharacter("37039919900101011") + ",钱,," + "37039910120100000099,\n" // 6
                        + ID2 + ",李秀英,," + HOUSE_B + ",\n"                // 7 same as line 2
                        + IdNumbers.withCheckCharacter("37039919900101031") + ",孙,," + HOUSE_C + ",\n" // 8 outside
                        + IdNumbers.withCheckCharacter("37039919900101051") + ",,," + HOUSE_A + ",\n")); // 9 no name
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        @SuppressWarnings("unchecked")
        List<Violation> errors = (List<Violation>) e.extensions().get("errors");
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), errors.stream().map(Violation::line).toList());
        assertEquals(List.of("id_number", "tags", "phone", "address_code", "id_number", "address_code", "name"),
                errors.stream().map(Violation::field).toList());
        assertFalse(errors.get(0).message().contains(badCheck.substring(6, 14)), "no digits of the number echoed");
        assertEquals("0", db().query("SELECT COUNT(*) FROM og_resident"));
        assertEquals("0", db().query("SELECT COUNT(*) FROM og_household"));
        assertEquals("0", db().query("SELECT COUNT(*) FROM og_resident_move"));
    }

    @Test
    void aRegisteredIdNumberRefusesTheWholeFileAndTheCreate() throws Exception {
        importFour();
        ProblemException e = assertThrows(ProblemException.class, () -> importCsv(OPERATOR,
                IdNumbers.withCheckCharacter("37039919700707071") + ",新人,," + HOUSE_B + ",\n"
                        + ID1.toLowerCase() + ",张建国,," + HOUSE_B + ",\n"));
        assertEquals(3, ((Violation) ((List<?>) e.extensions().get("errors")).get(0)).line());
        assertEquals("4", db().query("SELECT COUNT(*) FROM og_resident"));
        ProblemException dup = assertThrows(ProblemException.class, () -> db().residents.create(OPERATOR,
                new NewResident(ID1, "张建国", null, HOUSE_B, null, List.of()), null));
        assertEquals(ProblemType.CONFLICT, dup.type());
    }

    @Test
    void createValidatesEveryFieldAndPlacesTheResidentInAHousehold() throws Exception {
        ProblemException e = assertThrows(ProblemException.class, () -> db().residents.create(WORKER1,
                new NewResident("370399195001010010", "", "110", HOUSE_A, null, List.of("nobody")), null));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        @SuppressWarnings("unchecked")
        List<Violation> errors = (List<Violation>) e.extensions().get("errors");
        assertEquals(List.of("/idNumber", "/name", "/phone", "/tags"), errors.stream().map(Violation::field).toList());
        assertEquals(ProblemType.VALIDATION_FAILED, assertThrows(ProblemException.class, () -> db().residents.create(
                WORKER1, new NewResident(ID1, "张建国", null, HOUSE_C, null, List.of()), null)).type(),
                "a house of another grid is not the worker's to fill");
        assertEquals("0", db().query("SELECT COUNT(*) FROM og_resident"));

        Resident r = db().residents.create(WORKER1, new NewResident(ID1, "张建国", "138 1234 5678", HOUSE_A, null,
                List.of("migrant")), "10.0.0.1");
        assertEquals("13812345678", r.phone());
        assertTrue(r.householdId() != null);
        assertEquals("migrant", db().query("SELECT kind FROM og_household WHERE id = " + r.householdId()));
        assertEquals(1, db().audit.withAction("resident.created").size());
    }

    @Test
    void revealNeedsThePermissionAndIsAudited() {
        importFour();
        long zhang = idOf(db().residents.list(OPERATOR, new ResidentService.Query(null, null, "张", null, null, null),
                PageRequest.first(5)), "张建国");
        assertEquals(ProblemType.FORBIDDEN, assertThrows(ProblemException.class,
                () -> db().residents.revealIdNumber(WORKER1, zhang, null)).type());
        assertTrue(db().audit.withAction("resident.id-revealed").isEmpty());
        assertEquals(ID1, db().residents.revealIdNumber(OPERATOR, zhang, "10.0.0.2").idNumber());
        var events = db().audit.withAction("resident.id-revealed");
        assertEquals(1, events.size());
        assertEquals("operator1", events.get(0).actor());
        assertEquals("resident:" + zhang, events.get(0).target());
        assertFalse(events.get(0).detail().contains(ID1), "the audit log never holds the number");
    }

    @Test
    void movesKeepHistoryAndTheHouseholdHead() {
        importFour();
        long zhang = idOf(db().residents.list(OPERATOR, new ResidentService.Query(null, null, "张", null, null, null),
                PageRequest.first(5)), "张建国");
        long li = idOf(db().residents.list(OPERATOR, new ResidentService.Query(null, null, "李", null, null, null),
                PageRequest.first(5)), "李秀英");
        Resident moved = db().residents.move(OPERATOR, zhang, new MoveRequest(HOUSE_C, null, "投靠子女", null), null);
        assertEquals(HOUSE_C, moved.addressCode());
        assertEquals(GRID2, moved.scopeCode());
        House a = db().houses.get(OPERATOR, HOUSE_A);
        assertEquals(li, a.households().get(0).headResidentId(), "the remaining member heads the household");
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ProblemException.class,
                () -> db().residents.get(WORKER1, zhang)).type(), "gone from the old grid's view");
        assertEquals(zhang, db().residents.get(WORKER2, zhang).id());

        db().residents.move(WORKER2, zhang, new MoveRequest(null, null, "迁往外省", null), null);
        assertEquals("moved-out", db().residents.get(WORKER2, zhang).status());
        assertEquals(ProblemType.CONFLICT, assertThrows(ProblemException.class, () -> db().residents.move(WORKER2,
                zhang, new MoveRequest(null, null, null, null), null)).type());
        List<Move> moves = db().residents.moves(WORKER2, zhang);
        assertEquals(List.of("in", "move", "out"), moves.stream().map(Move::kind).toList());
        assertEquals(HOUSE_A, moves.get(1).fromAddress());
        assertEquals("投靠子女", moves.get(1).reason());
        assertNull(moves.get(2).toAddress());
        assertEquals(0, db().residents.list(WORKER2, new ResidentService.Query(null, null, "张", null, null, null),
                PageRequest.first(5)).total(), "moved-out residents leave the default list");
        assertEquals(1, db().residents.list(WORKER2, new ResidentService.Query(null, null, "张", null, null,
                "moved-out"), PageRequest.first(5)).total());
        assertEquals(ProblemType.VALIDATION_FAILED, assertThrows(ProblemException.class, () -> db().residents.move(
                WORKER2, zhang, new MoveRequest(HOUSE_TOWN2, null, null, null), null)).type(),
                "nobody moves people into another's scope");
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        importFour();
        Resident zhang = db().residents.list(OPERATOR, new ResidentService.Query(null, null, "张", null, null, null),
                PageRequest.first(5)).items().get(0);
        Resident patched = db().residents.update(WORKER1, zhang.id(), new ResidentChange(null, "15800001111", null,
                zhang.version()), true, null);
        assertEquals("15800001111", patched.phone());
        assertEquals("张建国", patched.name());
        assertEquals(List.of("elderly-alone", "party-member"), patched.tags());
        ProblemException stale = assertThrows(ProblemException.class, () -> db().residents.update(WORKER1, zhang.id(),
                new ResidentChange("张三", null, null, zhang.version()), false, null));
        assertEquals(ProblemType.CONFLICT, stale.type());
        Resident put = db().residents.update(WORKER1, zhang.id(), new ResidentChange("张建国", null, null,
                patched.version()), false, null);
        assertNull(put.phone(), "PUT replaces: no phone given, none kept");
        assertEquals(List.of(), put.tags());
    }

    @Test
    void householdsAreFoundedAtAHouse() {
        importFour();
        long li = idOf(db().residents.list(OPERATOR, new ResidentService.Query(null, null, "李", null, null, null),
                PageRequest.first(5)), "李秀英");
        ResidentViews.Household h = db().houses.createHousehold(WORKER1, HOUSE_A, new NewHousehold(null, "rented", li),
                null);
        assertEquals("2", h.householdNo());
        assertEquals(li, h.headResidentId());
        assertEquals(List.of(li), h.members().stream().map(Resident::id).toList());
        assertEquals(ProblemType.CONFLICT, assertThrows(ProblemException.class, () -> db().houses.createHousehold(
                WORKER1, HOUSE_A, new NewHousehold("2", null, null), null)).type());
        assertEquals(ProblemType.VALIDATION_FAILED, assertThrows(ProblemException.class, () -> db().houses
                .createHousehold(WORKER1, HOUSE_A, new NewHousehold(null, "palace", null), null)).type());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ProblemException.class, () -> db().houses.createHousehold(
                WORKER1, HOUSE_C, new NewHousehold(null, null, null), null)).type());
    }

    @Test
    void exportIsScopedMaskedAndRevealsOnlyWithThePermission() throws Exception {
        importFour();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        db().residents.export(WORKER1, null, false, null).writeTo(out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("id_number,name,phone,address_code,tags", lines.get(0));
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).startsWith("370399********"), lines.get(1));
        assertTrue(lines.get(1).contains("138****5678") && lines.get(1).endsWith("elderly-alone;party-member"));
        assertEquals(ProblemType.FORBIDDEN, assertThrows(ProblemException.class,
                () -> db().residents.export(WORKER1, null, true, null)).type());

        ByteArrayOutputStream revealed = new ByteArrayOutputStream();
        db().residents.export(OPERATOR, GRID2, true, null).writeTo(revealed);
        assertEquals(List.of("id_number,name,phone,address_code,tags", ID4 + ",赵刚,15912345678," + HOUSE_C
                + ",migrant"), revealed.toString(StandardCharsets.UTF_8).lines().toList());
        assertEquals(1, db().audit.withAction("resident.id-exported").size());

        // what a revealing export wrote imports again unchanged into an empty registry
        db().execute("DELETE FROM og_resident_move");
        db().execute("DELETE FROM og_resident");
        assertEquals(1, db().residents.importCsv(OPERATOR, new ByteArrayInputStream(revealed.toByteArray()), null)
                .imported());
    }
}
