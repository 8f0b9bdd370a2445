package io.onegrid.address.internal.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.audit.AuditRecord;
import io.onegrid.api.audit.AuditVerification;
import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Collection forms on a real database with the real migrations and persistence unit: definition, versions, records,
 * history, filters and three-level sharing. Runs on Derby and on PostgreSQL.
 */
abstract class FormsContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String COUNTY = "370399000000";
    static final String TOWN1 = "370399101000";
    static final String TOWN2 = "370399001000";
    static final String VILLAGE1 = "370399101201";
    static final String VILLAGE2 = "370399101202";
    static final String GRID1 = "370399101201001";
    static final String GRID2 = "370399101202001";
    static final String HOUSE1 = "37039910120100000001";
    static final String HOUSE1B = "37039910120100000002";
    static final String HOUSE2 = "37039910120200000001";
    static final String HOUSE_TOWN2 = "37039900100100000001";

    static final Caller ADMIN = caller("admin", COUNTY, "*");
    static final Caller OPERATOR1 = caller("operator1", TOWN1, "form.read", "form.define", "form.submit");
    static final Caller OPERATOR2 = caller("operator2", TOWN2, "form.read", "form.define", "form.submit");
    static final Caller WORKER1 = caller("gridworker1", GRID1, "form.read", "form.submit");
    static final Caller WORKER2 = caller("gridworker2", GRID2, "form.read", "form.submit");

    static final String HOUSE_SCHEMA = """
            {"type": "object", "required": ["owner", "floors", "kind"], "additionalProperties": false,
             "properties": {"owner": {"type": "string", "minLength": 1, "x-label": "户主"},
                            "floors": {"type": "integer", "minimum": 1, "maximum": 10},
                            "kind": {"enum": ["brick", "wood", "concrete"]},
                            "permit": {"type": "boolean"}}}
            """;

    private DataSource ds;
    private EntityManagerFactory emf;
    final List<AuditEvent> audited = new ArrayList<>();
    FormService forms;
    FormRecordService records;

    abstract DataSource dataSource() throws Exception;

    abstract String dialect();

    @BeforeEach
    void setUp() throws Exception {
        ds = dataSource();
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        for (String name : List.of("V1__address.sql", "V2__grid_shapes.derby.sql", "V2__grid_shapes.postgresql.sql",
                "V4__forms.derby.sql", "V4__forms.postgresql.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/address/" + name)) {
                files.add(new ScriptSet.ScriptFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        new MigrationRunner(ds).migrate("address", ScriptSet.select("address", files, dialect()));
        emf = Persistence.createEntityManagerFactory("onegrid-address", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        forms = new FormService(emf, new Regions(), new Audit());
        records = new FormRecordService(forms);
        sql("INSERT INTO og_address (code, region_code, grid_code, scope_code, full_text, version) VALUES "
                + "('" + HOUSE1 + "', '" + VILLAGE1 + "', '" + GRID1 + "', '" + GRID1 + "', '幸福路1号', 1), "
                + "('" + HOUSE1B + "', '" + VILLAGE1 + "', '" + GRID1 + "', '" + GRID1 + "', '幸福路2号', 1), "
                + "('" + HOUSE2 + "', '" + VILLAGE2 + "', '" + GRID2 + "', '" + GRID2 + "', '桃园路1号', 1), "
                + "('" + HOUSE_TOWN2 + "', '370399001001', NULL, '370399001001', '东关路1号', 1)");
        sql("INSERT INTO og_resident (name, id_cipher, id_hash, id_masked, scope_code, tags, version) VALUES "
                + "('张三', 'c', '" + "a".repeat(64) + "', '3703**********1234', '" + GRID1 + "', ',', 1)");
    }

    @AfterEach
    void tearDown() throws Exception {
        emf.close();
    }

    static Caller caller(String name, String region, String... permissions) {
        return new Caller(name, name, Caller.Kind.USER, 1L, Set.of(), Set.of(permissions),
                DataScope.ofRegion(RegionCode.parse(region)));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static NewFormBody houseForm(String owner, List<String> entry, List<String> query) {
        return new NewFormBody("self-built-house", "自建房登记", "Self-built house", owner, new Sharing(entry, query),
                json(HOUSE_SCHEMA));
    }

    static NewRecordBody house(String code, String data) {
        return new NewRecordBody("HOUSE", code, json(data));
    }

    static final String BRICK = "{\"owner\": \"王建国\", \"floors\": 3, \"kind\": \"brick\"}";

    void sql(String statement) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    long count(String table) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Violation> errors(ProblemException e) {
        return (List<Violation>) e.extensions().get("errors");
    }

    static ProblemException refused(ProblemType type, org.junit.jupiter.api.function.Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(type, e.type(), e.getMessage());
        return e;
    }

    static List<String> fields(ProblemException e) {
        return errors(e).stream().map(Violation::field).toList();
    }

    // ---- tests ----------------------------------------------------------------------------------------------------

    @Test
    void aFormIsDefinedSubmittedToAndRevisedWhileOldRecordsKeepTheirVersion() throws Exception {
        FormView form = forms.define(ADMIN, houseForm(COUNTY, List.of("grid", "village"),
                List.of("town", "village", "grid")), Locale.ENGLISH);
        assertEquals(1, form.currentVersion());
        assertEquals(List.of("village", "grid"), form.sharing().entry());
        assertEquals("户主", form.schema().at("/properties/owner/x-label").asText(), "annotations are kept");

        RecordView first = records.submit(WORKER1, "self-built-house", house(HOUSE1, BRICK), Locale.ENGLISH);
        assertEquals(1, first.formVersion());
        assertEquals(GRID1, first.scopeCode());
        assertEquals(3, first.data().get("floors").asInt());

        ObjectNode schema = (ObjectNode) json(HOUSE_SCHEMA);
        ((ObjectNode) schema.get("properties")).putObject("area").put("type", "number").put("minimum", 0);
        FormView revised = forms.revise(ADMIN, "self-built-house", new FormChangeBody(null, null, null, null, schema),
                Locale.ENGLISH);
        assertEquals(2, revised.currentVersion());
        assertEquals("自建房登记", revised.titleZh(), "members left out stay");

        RecordView second = records.submit(WORKER1, "self-built-house",
                house(HOUSE1B, "{\"owner\": \"李四\", \"floors\": 2, \"kind\": \"wood\", \"area\": 96.5}"),
                Locale.ENGLISH);
        assertEquals(2, second.formVersion());
        assertEquals(1, records.get(ADMIN, "self-built-house", first.id()).formVersion(), "the old record keeps v1");
        assertFalse(forms.version(WORKER1, "self-built-house", 1).schema().at("/properties").has("area"));
        assertTrue(forms.version(WORKER1, "self-built-house", 2).schema().at("/properties").has("area"));
        refused(ProblemType.NOT_FOUND, () -> forms.version(WORKER1, "self-built-house", 3));

        FormView same = forms.revise(ADMIN, "self-built-house", new FormChangeBody(null, null, null, null, schema),
                Locale.ENGLISH);
        assertEquals(2, same.currentVersion(), "an unchanged schema makes no new version");
        assertEquals(List.of("form.defined", "form.record-submitted", "form.revised", "form.record-submitted",
                "form.revised"), audited.stream().map(AuditEvent::action).toList());
    }

    @Test
    void anInvalidRecordIsRefusedWithPointersIntoTheBodyAndNothingIsStored() throws Exception {
        forms.define(ADMIN, houseForm(COUNTY, List.of("grid"), List.of("grid")), Locale.ENGLISH);
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> records.submit(WORKER1, "self-built-house",
                house(HOUSE1, "{\"owner\": \"\", \"floors\": 0, \"kind\": \"stone\", \"extra\": 1}"),
                Locale.ENGLISH));
        assertEquals(List.of("/data/extra", "/data/floors", "/data/kind", "/data/owner"), fields(e));
        assertTrue(errors(e).contains(Violation.ofField("/data/floors", "must be at least 1")), errors(e)::toString);

        ProblemException zh = refused(ProblemType.VALIDATION_FAILED, () -> records.submit(WORKER1,
                "self-built-house", new NewRecordBody("HOUSE", HOUSE2, json("{\"floors\": 1, \"kind\": \"wood\"}")),
                Locale.SIMPLIFIED_CHINESE));
        assertEquals(List.of(Violation.ofField("/subjectId", "不是您可以填报本表单的房屋"),
                Violation.ofField("/data/owner", "必填")), errors(zh),
                "a house of another grid reads like a missing one, reported with the data's problems");
        refused(ProblemType.VALIDATION_FAILED, () -> records.submit(WORKER1, "self-built-house",
                new NewRecordBody("HOUSE", HOUSE1, null), Locale.ENGLISH));
        refused(ProblemType.VALIDATION_FAILED, () -> records.submit(WORKER1, "self-built-house",
                new NewRecordBody("CAR", HOUSE1, json(BRICK)), Locale.ENGLISH));
        assertEquals(0, count("og_form_record"));
        assertEquals(0, count("og_form_record_history"));
        assertEquals(0, count("og_form_record_field"));
        assertEquals(List.of("form.defined"), audited.stream().map(AuditEvent::action).toList());
    }

    @Test
    void recordsAboutResidentsUseTheResidentsScope() throws Exception {
        forms.define(ADMIN, new NewFormBody("migrant", "流动人口登记", null, COUNTY,
                new Sharing(List.of("grid"), List.of("grid")), json("{\"type\": \"object\", \"properties\": "
                        + "{\"origin\": {\"type\": \"string\"}}}")), Locale.ENGLISH);
        long resident;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM og_resident")) {
            rs.next();
            resident = rs.getLong(1);
        }
        RecordView r = records.submit(WORKER1, "migrant", new NewRecordBody("RESIDENT", String.valueOf(resident),
                json("{\"origin\": \"河南\"}")), Locale.ENGLISH);
        assertEquals(GRID1, r.scopeCode());
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> records.submit(WORKER2, "migrant",
                new NewRecordBody("RESIDENT", String.valueOf(resident), json("{}")), Locale.ENGLISH));
        assertEquals(List.of("/subjectId"), fields(e));
        refused(ProblemType.VALIDATION_FAILED, () -> records.submit(WORKER1, "migrant",
                new NewRecordBody("RESIDENT", "x1", json("{}")), Locale.ENGLISH));
    }

    @Test
    void aGridWorkerNeverSeesAnotherGridsRecords() throws Exception {
        forms.define(ADMIN, houseForm(COUNTY, List.of("grid"), List.of("town", "grid")), Locale.ENGLISH);
        RecordView mine = records.submit(WORKER1, "self-built-house", house(HOUSE1, BRICK), Locale.ENGLISH);
        RecordView theirs = records.submit(WORKER2, "self-built-house", house(HOUSE2, BRICK), Locale.ENGLISH);

        assertEquals(List.of(mine.id()), ids(records.list(WORKER1, "self-built-house", RecordQuery.all(), page())));
        assertEquals(List.of(theirs.id()), ids(records.list(WORKER2, "self-built-house", RecordQuery.all(), page())));
        refused(ProblemType.NOT_FOUND, () -> records.get(WORKER2, "self-built-house", mine.id()));
        refused(ProblemType.NOT_FOUND, () -> records.history(WORKER2, "self-built-house", mine.id()));
        refused(ProblemType.NOT_FOUND, () -> records.revise(WORKER2, "self-built-house", mine.id(),
                new RecordChangeBody(mine.version(), json(BRICK)), Locale.ENGLISH));
        assertEquals(2, records.list(OPERATOR1, "self-built-house", RecordQuery.all(), page()).total());
        assertEquals(2, records.list(ADMIN, "self-built-house", RecordQuery.all(), page()).total());
        assertEquals(List.of(mine.id()), ids(records.list(OPERATOR1, "self-built-house",
                new RecordQuery(null, null, VILLAGE1, null, null, null), page())));
        assertEquals(List.of(theirs.id()), ids(records.list(ADMIN, "self-built-house",
                new RecordQuery(HOUSE2, "HOUSE", null, null, null, null), page())));
        // operator2's town sees the county's form (query is granted to towns) but holds none of these records
        assertEquals(0, records.list(OPERATOR2, "self-built-house", RecordQuery.all(), page()).total());
    }

    @Test
    void levelsOnlySeeWhatTheOwnerGrants() throws Exception {
        // a town form: villages may submit, only the town reads
        forms.define(OPERATOR1, new NewFormBody("medical-point", "医疗服务点", "Medical service point", TOWN1,
                new Sharing(List.of("grid"), List.of()), json("{\"type\": \"object\"}")), Locale.ENGLISH);
        assertEquals(List.of("medical-point"), codes(forms.list(WORKER1, page())));
        assertEquals(new Rights(false, true, false), forms.get(WORKER1, "medical-point").rights());
        assertEquals(new Rights(true, true, true), forms.get(OPERATOR1, "medical-point").rights());
        assertEquals(new Rights(true, false, true), forms.get(ADMIN, "medical-point").rights(),
                "the county oversees the town's form but does not submit to it");
        RecordView r = records.submit(WORKER1, "medical-point", house(HOUSE1, "{}"), Locale.ENGLISH);
        refused(ProblemType.FORBIDDEN, () -> records.list(WORKER1, "medical-point", RecordQuery.all(), page()));
        refused(ProblemType.NOT_FOUND, () -> records.get(WORKER1, "medical-point", r.id()));
        assertEquals(1, records.list(ADMIN, "medical-point", RecordQuery.all(), page()).total());
        refused(ProblemType.FORBIDDEN, () -> records.submit(ADMIN, "medical-point", house(HOUSE1, "{}"),
                Locale.ENGLISH));

        // another town sees nothing of it
        assertEquals(List.of(), codes(forms.list(OPERATOR2, page())));
        refused(ProblemType.NOT_FOUND, () -> forms.get(OPERATOR2, "medical-point"));
        refused(ProblemType.NOT_FOUND, () -> records.submit(OPERATOR2, "medical-point", house(HOUSE_TOWN2, "{}"),
                Locale.ENGLISH));
        // a grid worker may not revise the form, the town may narrow its sharing at once
        refused(ProblemType.FORBIDDEN, () -> forms.revise(caller("g", GRID1, "form.define", "form.read"),
                "medical-point", new FormChangeBody("x", null, null, null, null), Locale.ENGLISH));
        forms.revise(OPERATOR1, "medical-point", new FormChangeBody(null, null, new Sharing(List.of(), List.of()),
                null, null), Locale.ENGLISH);
        assertEquals(List.of(), codes(forms.list(WORKER1, page())));
        // a town operator cannot own a form for the county
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> forms.define(OPERATOR1,
                new NewFormBody("county-form", "县表", null, COUNTY, null, json("{\"type\": \"object\"}")),
                Locale.ENGLISH));
        assertEquals(List.of("/ownerRegion"), fields(e));
    }

    @Test
    void aRevisionNeedsTheCurrentVersionAndEveryStateIsKept() throws Exception {
        forms.define(ADMIN, houseForm(COUNTY, List.of("grid"), List.of("grid")), Locale.ENGLISH);
        RecordView r = records.submit(WORKER1, "self-built-house", house(HOUSE1, BRICK), Locale.ENGLISH);
        String concrete = "{\"owner\": \"王建国\", \"floors\": 4, \"kind\": \"concrete\"}";
        RecordView changed = records.revise(WORKER1, "self-built-house", r.id(),
                new RecordChangeBody(r.version(), json(concrete)), Locale.ENGLISH);
        assertTrue(changed.version() > r.version());
        assertEquals("gridworker1", changed.revisedBy());
        refused(ProblemType.CONFLICT, () -> records.revise(WORKER1, "self-built-house", r.id(),
                new RecordChangeBody(r.version(), json(BRICK)), Locale.ENGLISH));
        ProblemException invalid = refused(ProblemType.VALIDATION_FAILED, () -> records.revise(WORKER1,
                "self-built-house", r.id(), new RecordChangeBody(changed.version(), json("{\"floors\": 99}")),
                Locale.ENGLISH));
        assertTrue(fields(invalid).contains("/data/floors"));
        assertEquals("concrete", records.get(WORKER1, "self-built-house", r.id()).data().get("kind").asText());

        List<RevisionView> history = records.history(WORKER1, "self-built-house", r.id());
        assertEquals(List.of(r.version(), changed.version()), history.stream().map(RevisionView::version).toList());
        assertEquals("brick", history.get(0).data().get("kind").asText());
        assertEquals("concrete", history.get(1).data().get("kind").asText());

        // the field index follows the current state
        assertEquals(0, records.list(WORKER1, "self-built-house", fieldFilter("kind", "brick"), page()).total());
        assertEquals(1, records.list(WORKER1, "self-built-house", fieldFilter("kind", "concrete"), page()).total());
        assertEquals(List.of("form.defined", "form.record-submitted", "form.record-revised"),
                audited.stream().map(AuditEvent::action).toList());
    }

    @Test
    void fieldFiltersAreCheckedAgainstTheSchemaAndBound() throws Exception {
        forms.define(ADMIN, houseForm(COUNTY, List.of("grid"), List.of("grid")), Locale.ENGLISH);
        RecordView brick = records.submit(WORKER1, "self-built-house", house(HOUSE1, BRICK), Locale.ENGLISH);
        RecordView wood = records.submit(WORKER1, "self-built-house", house(HOUSE1B,
                "{\"owner\": \"O'Brien\", \"floors\": 2, \"kind\": \"wood\", \"permit\": true}"), Locale.ENGLISH);
        assertEquals(List.of(brick.id()), ids(records.list(WORKER1, "self-built-house", fieldFilter("kind", "brick"),
                page())));
        assertEquals(List.of(brick.id()), ids(records.list(WORKER1, "self-built-house", fieldFilter("floors", "3.0"),
                page())), "numbers compare by value");
        assertEquals(List.of(wood.id()), ids(records.list(WORKER1, "self-built-house", fieldFilter("permit", "true"),
                page())));
        assertEquals(List.of(wood.id()), ids(records.list(WORKER1, "self-built-house",
                fieldFilter("owner", "O'Brien"), page())));
        assertEquals(0, records.list(WORKER1, "self-built-house", fieldFilter("owner", "x' OR '1'='1"), page())
                .total(), "a quote is just a character of the value");
        assertEquals(1, records.list(WORKER1, "self-built-house", new RecordQuery(null, null, null, null, null,
                Map.of("kind", "wood", "floors", "2")), page()).total());
        refused(ProblemType.INVALID_REQUEST, () -> records.list(WORKER1, "self-built-house",
                fieldFilter("nope", "1"), page()));
        refused(ProblemType.INVALID_REQUEST, () -> records.list(WORKER1, "self-built-house",
                fieldFilter("floors", "three"), page()));
        refused(ProblemType.INVALID_REQUEST, () -> records.list(WORKER1, "self-built-house",
                fieldFilter("permit", "yes"), page()));
        refused(ProblemType.INVALID_REQUEST, () -> records.list(WORKER1, "self-built-house", RecordQuery.all(),
                PageRequest.of(1, 10, io.onegrid.api.paging.SortOrder.asc("data"))));

        java.time.Instant now = java.time.Instant.now();
        assertEquals(2, records.list(WORKER1, "self-built-house", new RecordQuery(null, null, null,
                now.minusSeconds(3600), now.plusSeconds(3600), null), page()).total());
        assertEquals(0, records.list(WORKER1, "self-built-house", new RecordQuery(null, null, null,
                now.plusSeconds(3600), null, null), page()).total());
        Page<RecordView> paged = records.list(WORKER1, "self-built-house", RecordQuery.all(), PageRequest.of(2, 1));
        assertEquals(2, paged.total());
        assertEquals(List.of(brick.id()), ids(paged), "newest first: the older record is on page 2");
    }

    @Test
    void badFormsAreRefusedWithPointersAndNothingIsStored() throws Exception {
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> forms.define(ADMIN, new NewFormBody(
                "Bad Code", " ", null, "370399101201001", new Sharing(List.of("county", "grid", "grid"),
                        List.of("street")), json("{\"type\": \"object\", \"properties\": {\"a\": {\"minimun\": 1}}}")),
                Locale.ENGLISH));
        assertEquals(List.of("/code", "/titleZh", "/ownerRegion", "/sharing/entry/0", "/sharing/entry/2",
                "/sharing/query/0", "/schema/properties/a/minimun"), fields(e));
        ProblemException below = refused(ProblemType.VALIDATION_FAILED, () -> forms.define(OPERATOR1,
                new NewFormBody("town-form", "镇表", null, TOWN1, new Sharing(List.of("town"), null),
                        json("{\"type\": \"object\"}")), Locale.ENGLISH));
        assertEquals(List.of(Violation.ofField("/sharing/entry/0", "is not below the owner's level (town)")),
                errors(below));
        forms.define(ADMIN, houseForm(COUNTY, List.of(), List.of()), Locale.ENGLISH);
        refused(ProblemType.CONFLICT, () -> forms.define(ADMIN, houseForm(COUNTY, List.of(), List.of()),
                Locale.ENGLISH));
        ProblemException badRevision = refused(ProblemType.VALIDATION_FAILED, () -> forms.revise(ADMIN,
                "self-built-house", new FormChangeBody(null, null, null, "DELETED", json("{\"type\": \"array\"}")),
                Locale.ENGLISH));
        assertEquals(List.of("/status", "/schema/type"), fields(badRevision));
        assertEquals(1, count("og_form"));
        assertEquals(1, count("og_form_version"));
        refused(ProblemType.FORBIDDEN, () -> forms.define(WORKER1, houseForm(COUNTY, List.of(), List.of()),
                Locale.ENGLISH));
    }

    @Test
    void aRetiredFormTakesNoRecords() throws Exception {
        forms.define(ADMIN, houseForm(COUNTY, List.of("grid"), List.of("grid")), Locale.ENGLISH);
        RecordView r = records.submit(WORKER1, "self-built-house", house(HOUSE1, BRICK), Locale.ENGLISH);
        forms.revise(ADMIN, "self-built-house", new FormChangeBody(null, null, null, "RETIRED", null),
                Locale.ENGLISH);
        refused(ProblemType.CONFLICT, () -> records.submit(WORKER1, "self-built-house", house(HOUSE1B, BRICK),
                Locale.ENGLISH));
        refused(ProblemType.CONFLICT, () -> records.revise(WORKER1, "self-built-house", r.id(),
                new RecordChangeBody(r.version(), json(BRICK)), Locale.ENGLISH));
        assertEquals(1, records.list(WORKER1, "self-built-house", RecordQuery.all(), page()).total(),
                "its records stay readable");
        assertFalse(forms.get(WORKER1, "self-built-house").rights().submit());
    }

    @Test
    void theCatalogServesOtherBundles() throws Exception {
        assertFalse(forms.exists(Caller.SYSTEM, "migrant"));
        assertEquals(1, forms.define(Caller.SYSTEM, new io.onegrid.api.forms.FormDefinition("migrant", "流动人口登记",
                "Migrant registration", COUNTY, List.of("grid"), List.of("village", "grid"),
                "{\"type\": \"object\"}")));
        assertTrue(forms.exists(Caller.SYSTEM, "migrant"));
        assertTrue(forms.exists(WORKER1, "migrant"));
        assertFalse(forms.exists(caller("w", "370399101203001", "form.read"), "x"));
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> forms.define(Caller.SYSTEM,
                new io.onegrid.api.forms.FormDefinition("other", "x", null, COUNTY, null, null, "{not json")));
        assertEquals(List.of("/schema"), fields(e));
    }

    static RecordQuery fieldFilter(String name, String value) {
        return new RecordQuery(null, null, null, null, null, Map.of(name, value));
    }

    static PageRequest page() {
        return PageRequest.first(50);
    }

    static List<Long> ids(Page<RecordView> page) {
        return page.items().stream().map(RecordView::id).toList();
    }

    static List<String> codes(Page<FormView> page) {
        return page.items().stream().map(FormView::code).toList();
    }

    /** The demo tree: every region exists; {@code find} honours the caller's scope like the real service. */
    private static final class Regions implements RegionService {
        @Override
        public Optional<Region> find(Caller caller, String code) {
            return RegionCode.tryParse(code).filter(c -> c.value().startsWith("370399"))
                    .filter(c -> caller.scope().coversRegion(c))
                    .map(c -> new Region(c.value(), c.value(), c.parent().map(RegionCode::value).orElse(null),
                            c.level(), AreaKind.RURAL, null));
        }

        @Override
        public Page<Region> list(Caller caller, String parentCode, RegionLevel level, String text, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegionImportReport importCsv(Caller caller, InputStream csv) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Region create(Caller caller, Region region) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Region update(Caller caller, String code, String name, AreaKind area, String boundaryRef) {
            throw new UnsupportedOperationException();
        }
    }

    private final class Audit implements AuditLog {
        @Override
        public AuditRecord record(AuditEvent event) {
            audited.add(event);
            return null;
        }

        @Override
        public Page<AuditRecord> list(String actor, String action, String target, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    }
}
