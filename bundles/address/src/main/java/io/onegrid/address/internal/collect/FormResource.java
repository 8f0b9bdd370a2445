package io.onegrid.address.internal.collect;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /forms}: collection forms, their versions and their records, shared as {@link FormSharing} describes. */
@Component(service = RestResource.class)
public final class FormResource implements RestResource {

    /** Dates without a time in {@code from} and {@code to} are days of China Standard Time. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final String FIELD_PREFIX = "field.";

    private final FormService forms;
    private final FormRecordService records;

    @Activate
    public FormResource(@Reference FormService forms, @Reference FormRecordService records) {
        this.forms = forms;
        this.records = records;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/forms", req -> forms.list(req.requireCaller(), req.pageRequest()))
                .summary("Collection forms the caller sees (owned in its scope, or shared with its level)")
                .tag("forms").paged().returnsPage(FormView.class).permission(Permissions.FORM_READ);
        routes.post("/forms", req -> {
            FormView form = forms.define(req.requireCaller(), req.body(NewFormBody.class), req.locale());
            return RestResponse.created("/forms/" + form.code(), form);
        }).summary("Define a form (JSON Schema draft 2019-09) owned by a county, town or village in the caller's scope")
                .tag("forms").accepts(NewFormBody.class).returns(FormView.class).permission(Permissions.FORM_DEFINE);
        routes.get("/forms/{code}", req -> forms.get(req.requireCaller(), req.pathParam("code")))
                .summary("One form with the schema of its current version").tag("forms").returns(FormView.class)
                .permission(Permissions.FORM_READ);
        routes.put("/forms/{code}", req -> forms.revise(req.requireCaller(), req.pathParam("code"),
                        req.body(FormChangeBody.class), req.locale()))
                .summary("Revise a form: titles, sharing, status in place; a changed schema becomes a new version")
                .tag("forms").accepts(FormChangeBody.class).returns(FormView.class)
                .permission(Permissions.FORM_DEFINE);
        routes.get("/forms/{code}/versions/{n}", req -> forms.version(req.requireCaller(), req.pathParam("code"),
                        version(req.pathParam("n"))))
                .summary("One version of a form's schema").tag("forms").returns(FormVersionView.class)
                .permission(Permissions.FORM_READ);
        routes.post("/forms/{code}/records", req -> {
            String code = req.pathParam("code");
            RecordView record = records.submit(req.requireCaller(), code, req.body(NewRecordBody.class),
                    req.locale());
            return RestResponse.created("/forms/" + code + "/records/" + record.id(), record);
        }).summary("Submit a record about a house or resident in the caller's scope; validated against the current"
                + " version").tag("forms").accepts(NewRecordBody.class).returns(RecordView.class)
                .permission(Permissions.FORM_SUBMIT);
        routes.get("/forms/{code}/records", req -> records.list(req.requireCaller(), req.pathParam("code"),
                        query(req), req.pageRequest()))
                .summary("Records the caller may read; field.<name>=<value> filters on a top-level field of the form")
                .tag("forms").paged()
                .queryParam("subject", "house code or resident id").queryParam("subjectKind", "HOUSE or RESIDENT")
                .queryParam("region", "only subjects below this region (village, grid)")
                .queryParam("from", "submitted at or after: 2024-05-01 or 2024-05-01T08:00:00+08:00")
                .queryParam("to", "submitted before this time, or up to the end of this day")
                .returnsPage(RecordView.class).permission(Permissions.FORM_READ);
        routes.get("/forms/{code}/records/{id}", req -> records.get(req.requireCaller(), req.pathParam("code"),
                        recordId(req)))
                .summary("One record").tag("forms").returns(RecordView.class).permission(Permissions.FORM_READ);
        routes.put("/forms/{code}/records/{id}", req -> records.revise(req.requireCaller(), req.pathParam("code"),
                        recordId(req), req.body(RecordChangeBody.class), req.locale()))
                .summary("Revise a record (send the version you read); validated against the form's current version")
                .tag("forms").accepts(RecordChangeBody.class).returns(RecordView.class)
                .permission(Permissions.FORM_SUBMIT);
        routes.get("/forms/{code}/records/{id}/history", req -> records.history(req.requireCaller(),
                        req.pathParam("code"), recordId(req)))
                .summary("Every state of a record, oldest first").tag("forms").returns(RevisionView.class)
                .permission(Permissions.FORM_READ);
    }

    private static long recordId(RestRequest req) {
        return number(req.pathParam("id"), "record");
    }

    private static int version(String text) {
        long n = number(text, "version");
        if (n > Integer.MAX_VALUE) {
            throw ProblemException.notFound("No version " + text);
        }
        return (int) n;
    }

    /** A path number; anything else names nothing, hence 404. */
    private static long number(String text, String what) {
        try {
            long n = Long.parseLong(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to 404
        }
        throw ProblemException.notFound("No " + what + " " + text);
    }

    static RecordQuery query(RestRequest req) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : req.queryNames()) {
            if (name.startsWith(FIELD_PREFIX)) {
                fields.put(name.substring(FIELD_PREFIX.length()), req.query(name).orElse(""));
            }
        }
        return new RecordQuery(text(req, "subject"), text(req, "subjectKind"), text(req, "region"),
                time(req, "from", false), time(req, "to", true), fields);
    }

    private static String text(RestRequest req, String name) {
        return req.query(name).map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** An instant with offset, or a day of China Standard Time: its start, or for {@code to} the next day's start. */
    private static Instant time(RestRequest req, String name, boolean endOfDay) {
        String text = text(req, name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(CHINA).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "Query parameter '" + name
                        + "' must be a date (2024-05-01) or a date-time with offset (2024-05-01T08:00:00+08:00)",
                        Map.of("parameter", name), null);
            }
        }
    }
}
