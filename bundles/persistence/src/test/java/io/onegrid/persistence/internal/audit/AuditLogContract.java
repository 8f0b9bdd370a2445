package io.onegrid.persistence.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditRecord;
import io.onegrid.api.audit.AuditVerification;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log on a real database through the real persistence unit and migrations, outside OSGi; subclasses give
 * the database. Tampering is done the way an intruder with database access would: plain JDBC.
 */
abstract class AuditLogContract {

    private static final int SMALL_BATCH = 7;

    private DataSource ds;
    private final List<EntityManagerFactory> factories = new ArrayList<>();
    private JpaAuditLog audit;

    /** A new, empty database. */
    abstract DataSource newDatabase() throws Exception;

    /** Drops what {@link #newDatabase()} made. */
    abstract void dropDatabase() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        ds = newDatabase();
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("core", ScriptSet.select("core",
                List.of(script("V1__settings.sql"), script("V2__audit.sql")), runner.dialect()));
        audit = newNode(Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        factories.forEach(EntityManagerFactory::close);
        dropDatabase();
    }

    /** Another OneGrid node on the same database: its own persistence unit, connections and clock. */
    private JpaAuditLog newNode(Clock clock) {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("onegrid-core", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        factories.add(emf);
        return new JpaAuditLog(emf, clock, SMALL_BATCH);
    }

    private static ScriptSet.ScriptFile script(String name) throws Exception {
        try (InputStream in = AuditLogContract.class.getResourceAsStream("/db/core/" + name)) {
            return new ScriptSet.ScriptFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void sql(String statement, Object... params) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static AuditEvent login(String user) {
        return new AuditEvent(user, "auth.login", "user:" + user, "password sign-in", "10.0.0.7");
    }

    private void recordMany(int n) {
        for (int i = 1; i <= n; i++) {
            audit.record(new AuditEvent("operator" + (i % 3), "auth.login", "user:operator" + (i % 3), "#" + i, null));
        }
    }

    @Test
    void recordsFormAChainThatVerifiesAndReadsBackExactly() {
        assertEquals(AuditVerification.intact(0), audit.verify(), "an empty log is intact");
        AuditRecord first = audit.record(login("operator1"));
        AuditRecord second = audit.record(AuditEvent.system("settings.changed", null, "county.name\n→ 高青县 🏞"));
        AuditRecord third = audit.record(new AuditEvent("operator1", "resident.id-revealed", "resident:42", null,
                "2001:db8::1"));

        assertEquals(List.of(1L, 2L, 3L), List.of(first.id(), second.id(), third.id()));
        assertEquals(AuditRecord.GENESIS_HASH, first.previousHash());
        assertEquals(first.hash(), second.previousHash());
        assertEquals(second.hash(), third.previousHash());
        assertTrue(first.hash().matches("[0-9a-f]{64}"));
        assertEquals(0, first.at().getNano() % 1_000_000, "millisecond precision");
        assertEquals(List.of(third, second, first), audit.list(null, null, null, PageRequest.first(10)).items(),
                "what is read back equals what was recorded, time and text included");
        assertEquals(AuditVerification.intact(3), audit.verify());
    }

    @Test
    void aDetailChangedInTheDatabaseIsCaughtAtThatRecord() throws Exception {
        recordMany(5);
        sql("UPDATE og_audit SET detail = ? WHERE id = ?", "nothing happened", 3L);
        AuditVerification v = audit.verify();
        assertFalse(v.intact());
        assertEquals(3L, v.firstBrokenId());
        assertEquals(3, v.checked());
        assertTrue(v.reason().contains("changed"), v.reason());
    }

    @Test
    void aChangedTimeOrActorIsCaught() throws Exception {
        recordMany(4);
        sql("UPDATE og_audit SET occurred_at = ? WHERE id = ?", Timestamp.from(Instant.parse("2020-01-01T00:00:00Z")),
                2L);
        assertEquals(2L, audit.verify().firstBrokenId());
        sql("UPDATE og_audit SET actor = ? WHERE id = ?", "somebody-else", 1L);
        assertEquals(1L, audit.verify().firstBrokenId());
    }

    @Test
    void aRecordRewrittenWithItsOwnHashRecomputedBreaksTheLinkToTheNext() throws Exception {
        recordMany(4);
        AuditRecord r = audit.list(null, null, null, PageRequest.of(1, 10, SortOrder.asc("id"))).items().get(1);
        String forged = AuditChain.hash(r.previousHash(), r.id(), r.at().toEpochMilli(), "nobody", r.action(),
                r.target(), r.detail(), r.address());
        sql("UPDATE og_audit SET actor = ?, hash = ? WHERE id = ?", "nobody", forged, r.id());
        AuditVerification v = audit.verify();
        assertEquals(3L, v.firstBrokenId());
        assertTrue(v.reason().contains("does not link to record 2"), v.reason());
    }

    @Test
    void aDeletedRecordInTheMiddleOrAtTheStartIsCaught() throws Exception {
        recordMany(5);
        sql("DELETE FROM og_audit WHERE id = ?", 3L);
        AuditVerification v = audit.verify();
        assertEquals(4L, v.firstBrokenId());
        assertEquals("Record 3 is missing", v.reason());

        sql("DELETE FROM og_audit WHERE id IN (1, 2)");
        assertEquals(4L, audit.verify().firstBrokenId());
        assertEquals("Records 1 to 3 are missing", audit.verify().reason());
    }

    @Test
    void verificationReadsInBatchesAndCatchesBreaksAcrossBatchBoundaries() throws Exception {
        recordMany(3 * SMALL_BATCH + 2);
        assertEquals(AuditVerification.intact(3 * SMALL_BATCH + 2), audit.verify());
        sql("DELETE FROM og_audit WHERE id = ?", (long) 2 * SMALL_BATCH);
        assertEquals(2L * SMALL_BATCH + 1, audit.verify().firstBrokenId(), "gap at the end of a batch");
        sql("UPDATE og_audit SET target = ? WHERE id = ?", "user:x", (long) SMALL_BATCH + 1);
        assertEquals(SMALL_BATCH + 1L, audit.verify().firstBrokenId(), "change at the start of a batch");
    }

    @Test
    void concurrentAppendsFromThreadsAndNodesKeepOneChain() throws Exception {
        JpaAuditLog otherNode = newNode(Clock.systemUTC());
        int threads = 8;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                JpaAuditLog node = t % 2 == 0 ? audit : otherNode;
                String actor = "worker" + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        node.record(new AuditEvent(actor, "test.append", null, "#" + i, null));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            // Let stragglers of a failed run finish before tearDown drops the database under them.
            pool.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
        int total = threads * each;
        Page<AuditRecord> all = audit.list(null, null, null, PageRequest.of(1, total, SortOrder.asc("id")));
        assertEquals(total, all.total());
        for (int i = 0; i < total; i++) {
            assertEquals(i + 1, all.items().get(i).id(), "ids are consecutive");
        }
        assertEquals(AuditVerification.intact(total), otherNode.verify());
    }

    @Test
    void anAppendWaitsForTheTableLockOfAnotherNodeAndThenChainsOnItsRecord() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("LOCK TABLE og_audit IN EXCLUSIVE MODE");
            }
            Future<AuditRecord> waiting = pool.submit(() -> audit.record(login("alice")));
            Thread.sleep(500);
            assertFalse(waiting.isDone(), "the append waits while another node holds the lock");

            // The other node appends record 1 the way JpaAuditLog would, then commits.
            Instant at = AuditEntity.storable(Instant.now());
            String hash = AuditChain.hash(AuditRecord.GENESIS_HASH, 1, at.toEpochMilli(), "bob", "auth.login", null,
                    null, null);
            try (PreparedStatement ps = other.prepareStatement("INSERT INTO og_audit (id, occurred_at, actor, action,"
                    + " previous_hash, hash) VALUES (1, ?, 'bob', 'auth.login', ?, ?)")) {
                ps.setTimestamp(1, Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime()));
                ps.setString(2, AuditRecord.GENESIS_HASH);
                ps.setString(3, hash);
                ps.executeUpdate();
            }
            other.commit();

            AuditRecord appended = waiting.get(60, TimeUnit.SECONDS);
            assertEquals(2, appended.id(), "read the last record only after it got the lock");
            assertEquals(hash, appended.previousHash());
        } finally {
            // Let stragglers of a failed run finish before tearDown drops the database under them.
            pool.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
        assertEquals(AuditVerification.intact(2), audit.verify());
    }

    @Test
    void listsNewestFirstWithFiltersAndPaging() {
        audit.record(login("alice"));
        audit.record(new AuditEvent("bob", "auth.login-failed", "user:bob", "wrong password", "10.0.0.8"));
        audit.record(login("alice"));
        audit.record(new AuditEvent("admin", "user.roles-changed", "user:alice", "+ grid-worker", null));
        audit.record(login("bob"));

        Page<AuditRecord> page = audit.list(" ", "", null, PageRequest.of(2, 2));
        assertEquals(5, page.total(), "blank filters are ignored");
        assertEquals(List.of(3L, 2L), page.items().stream().map(AuditRecord::id).toList(), "newest first");

        assertEquals(List.of(3L, 1L), ids(audit.list("alice", null, null, PageRequest.first(10))));
        assertEquals(List.of(4L, 3L, 1L), ids(audit.list(null, null, "user:alice", PageRequest.first(10))));
        assertEquals(List.of(3L, 1L), ids(audit.list("alice", "auth.login", "user:alice", PageRequest.first(10))));
        assertEquals(List.of(2L), ids(audit.list(null, "auth.login-failed", null, PageRequest.first(10))));
        assertEquals(List.of(), ids(audit.list("carol", null, null, PageRequest.first(10))));
        assertEquals(List.of(1L, 2L), ids(audit.list(null, null, null, PageRequest.of(1, 2, SortOrder.asc("id")))));
        ProblemException e = assertThrows(ProblemException.class,
                () -> audit.list(null, null, null, PageRequest.of(1, 2, SortOrder.desc("actor"))));
        assertEquals(ProblemType.INVALID_REQUEST, e.type());
    }

    private static List<Long> ids(Page<AuditRecord> page) {
        return page.items().stream().map(AuditRecord::id).toList();
    }

    @Test
    void invalidEventsAreRefusedAndRecordNothing() {
        List<AuditEvent> invalid = List.of(
                new AuditEvent(null, "auth.login", null, null, null),
                new AuditEvent("  ", "auth.login", null, null, null),
                new AuditEvent("alice", null, null, null, null),
                new AuditEvent("alice", "Auth Login", null, null, null),
                new AuditEvent("a".repeat(101), "auth.login", null, null, null),
                new AuditEvent("alice", "auth.login", "t".repeat(201), null, null),
                new AuditEvent("alice\nroot", "auth.login", null, null, null),
                new AuditEvent("alice", "auth.login", "user:\u0000", null, null),
                new AuditEvent("alice", "auth.login", null, "ok\u001b[31m forged", null),
                new AuditEvent("alice", "auth.login", null, "line\r\nbreak", null),
                new AuditEvent("alice", "auth.login", null, "lone \ud83c surrogate", null),
                new AuditEvent("alice", "auth.login", null, null, "10.0.0.1; DROP"));
        for (AuditEvent event : invalid) {
            ProblemException e = assertThrows(ProblemException.class, () -> audit.record(event), event.toString());
            assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        }
        assertThrows(ProblemException.class, () -> audit.record(null));
        ProblemException both = assertThrows(ProblemException.class,
                () -> audit.record(new AuditEvent(null, null, null, null, null)));
        assertEquals(2, ((List<?>) both.extensions().get("errors")).size());
        assertEquals(AuditVerification.intact(0), audit.verify());
    }

    @Test
    void blanksBecomeNullTabsAndLineFeedsAreKeptAndLongDetailIsCut() {
        AuditRecord r = audit.record(new AuditEvent(" alice ", "auth.login", " ", "a\tb\nc", ""));
        assertEquals("alice", r.actor());
        assertNull(r.target());
        assertNull(r.address());
        assertEquals("a\tb\nc", r.detail());

        AuditRecord cut = audit.record(new AuditEvent("alice", "import.done", null, "长".repeat(1998) + "😀😀", null));
        assertEquals(JpaAuditLog.MAX_DETAIL - 1, cut.detail().length(), "not between the halves of an emoji");
        assertTrue(cut.detail().endsWith("长…"));
        AuditRecord full = audit.record(new AuditEvent("alice", "import.done", null, "长".repeat(3000), null));
        assertEquals(JpaAuditLog.MAX_DETAIL, full.detail().length());
        assertEquals(AuditVerification.intact(3), audit.verify());
    }

    @Test
    void nodesInDifferentTimeZonesAgreeEvenInTheRepeatedHourOfADstChange() {
        TimeZone original = TimeZone.getDefault();
        // 01:30 on 2023-11-05 happens twice in New York; this is the second time (EST).
        Instant repeated = Instant.parse("2023-11-05T06:30:00.123Z");
        // 02:30 on 2023-03-12 does not exist in New York; as UTC wall-clock time it cannot be written there as is.
        Instant skipped = Instant.parse("2023-03-12T02:30:00.456Z");
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            AuditRecord a = newNode(Clock.fixed(repeated, ZoneOffset.UTC)).record(login("alice"));
            assertEquals(repeated, a.at());
            AuditRecord b = newNode(Clock.fixed(skipped, ZoneOffset.UTC)).record(login("bob"));
            assertEquals(0, Math.abs(b.at().toEpochMilli() - skipped.toEpochMilli()) % 3_600_000,
                    "moved by whole hours at most");
            assertEquals(AuditVerification.intact(2), audit.verify());

            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            assertEquals(AuditVerification.intact(2), newNode(Clock.systemUTC()).verify());
            assertEquals(List.of(b, a), audit.list(null, null, null, PageRequest.first(10)).items());
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void theTableHoldsUtcWallClockTime() throws Exception {
        Instant at = Instant.parse("2024-05-01T12:34:56.789Z");
        newNode(Clock.fixed(at, ZoneOffset.UTC)).record(login("alice"));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT occurred_at FROM og_audit")) {
            rs.next();
            assertEquals("2024-05-01T12:34:56.789", rs.getTimestamp(1).toLocalDateTime().toString());
        }
    }
}
