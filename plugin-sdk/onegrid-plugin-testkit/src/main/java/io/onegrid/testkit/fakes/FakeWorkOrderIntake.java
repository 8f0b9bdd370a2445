package io.onegrid.testkit.fakes;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.api.workorder.WorkOrderState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The intake SPI for a plugin's unit tests: it checks what the kernel's intake checks before routing (the
 * {@code workorder.submit} permission, the fields of the submission, the idempotency key), records every accepted
 * submission and answers a new {@link WorkOrderState#SUBMITTED} order, or the first order again for a retried key.
 * It does not route, de-duplicate by place or run SLA clocks: that is the kernel's, tested in-container.
 */
public final class FakeWorkOrderIntake implements WorkOrderIntake {

    private static final Pattern CATEGORY = Pattern.compile("[0-9]{4}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern ADDRESS = Pattern.compile("[0-9]{12}|[0-9]{15}|[0-9]{17}|[0-9]{20}");

    private final Clock clock;
    private final List<Submission> submissions = new ArrayList<>();
    private final List<WorkOrder> orders = new ArrayList<>();
    private final Map<String, Map.Entry<Submission, WorkOrder>> byKey = new LinkedHashMap<>();

    /** An intake on the system clock. */
    public FakeWorkOrderIntake() {
        this(Clock.systemUTC());
    }

    /** An intake on a clock the test controls. */
    public FakeWorkOrderIntake(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public synchronized IntakeResult submit(Caller caller, Submission s) {
        Access.require(caller, Permissions.WORKORDER_SUBMIT);
        List<Violation> violations = new ArrayList<>();
        if (s.channel() == null || !Channels.NAME.matcher(s.channel()).matches()) {
            violations.add(Violation.ofField("channel", "an upper-case channel name such as ALARM"));
        }
        if (s.category() == null || !CATEGORY.matcher(s.category()).matches()) {
            violations.add(Violation.ofField("category", "a 4-digit minor category code"));
        }
        if (s.description() == null || s.description().isBlank() || s.description().length() > 2000) {
            violations.add(Violation.ofField("description", "1 to 2000 characters"));
        }
        if (s.addressCode() == null && s.location() == null) {
            violations.add(Violation.ofField("addressCode", "an address code or a location is needed"));
        } else if (s.addressCode() != null && !ADDRESS.matcher(s.addressCode()).matches()) {
            violations.add(Violation.ofField("addressCode", "a standard address or region code"));
        }
        if (s.idempotencyKey() != null && !KEY.matcher(s.idempotencyKey()).matches()) {
            violations.add(Violation.ofField("idempotencyKey", "1 to 100 of A-Z a-z 0-9 . _ : -"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The report is not valid", violations);
        }
        String key = s.idempotencyKey() == null ? null : s.channel() + "/" + s.idempotencyKey();
        if (key != null && byKey.containsKey(key)) {
            Map.Entry<Submission, WorkOrder> first = byKey.get(key);
            if (!first.getKey().equals(s)) {
                throw ProblemException.conflict("The idempotency key " + s.idempotencyKey()
                        + " was used for a different report");
            }
            return new IntakeResult(first.getValue(), IntakeResult.Outcome.REPLAYED);
        }
        Instant now = clock.instant();
        long id = orders.size() + 1L;
        String region = s.addressCode() == null ? null : s.addressCode().substring(0, 12);
        WorkOrder order = new WorkOrder(id, String.format("TEST-%06d", id), WorkOrderState.SUBMITTED, s.category(),
                1, s.channel(), s.description(), s.addressCode(),
                s.location() == null ? null : s.location().lon(), s.location() == null ? null : s.location().lat(),
                region, null, null, null, null, 0, false, null, null, 0, s.reporter(), caller.name(), null, null, 0L,
                now, now, null, null);
        submissions.add(s);
        orders.add(order);
        if (key != null) {
            byKey.put(key, Map.entry(s, order));
        }
        return new IntakeResult(order, IntakeResult.Outcome.CREATED);
    }

    /** Every accepted submission, oldest first (replays not repeated). */
    public synchronized List<Submission> submissions() {
        return List.copyOf(submissions);
    }

    /** Every order created, oldest first. */
    public synchronized List<WorkOrder> orders() {
        return List.copyOf(orders);
    }
}
