package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.workorder.internal.AttachmentEntity.Attachment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /workorders/{id}/attachments}: evidence files (photos, video, recordings) of an order.
 *
 * <p>The body of an upload is the file itself with its {@code Content-Type}; the type must be allowed by the kernel's
 * configuration and match the file's first bytes (else 415), and the size stay within the type's limit (else 413).
 * Anonymous QR reporters upload with the {@code uploadToken} of their receipt in the {@code X-Upload-Token} header to
 * {@code /workorders/receipts/{number}/attachments}, limited per client address like anonymous reports.
 */
@Component(service = RestResource.class)
public final class AttachmentResource implements RestResource {

    /** What a raw upload route takes: the kernel's configuration narrows it down to the allowed types. */
    static final String MEDIA = "image/*, video/*, audio/*";
    static final String TOKEN_HEADER = "X-Upload-Token";

    private final WorkOrderKernel kernel;
    private final AnonymousLimiter limiter;

    @Activate
    public AttachmentResource(@Reference WorkOrderKernel kernel) {
        this(kernel, Clock.systemUTC());
    }

    AttachmentResource(WorkOrderKernel kernel, Clock clock) {
        this.kernel = kernel;
        this.limiter = new AnonymousLimiter(clock);
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/workorders/{id}/attachments", this::upload)
                .summary("Upload an evidence file to the order (the body is the file, with its Content-Type): its"
                        + " handler, the command centre, a supervisor or its originator. 201 with sha256, mediaType,"
                        + " size; 200 when the order already has the same file; 415 for a type not allowed or content"
                        + " that is not of the declared type; 413 above the type's limit")
                .tag("workorders").consumes(MEDIA).queryParam("name", "the file's name, shown with it")
                .returns(Attachment.class).permission(Permissions.WORKORDER_READ);
        routes.post("/workorders/receipts/{number}/attachments", this::uploadAnonymous)
                .summary("An anonymous QR reporter uploads an evidence file to the order of their receipt, with the"
                        + " receipt's upload token in the X-Upload-Token header; rate-limited per client address")
                .tag("workorders").anonymous().consumes(MEDIA).queryParam("name", "the file's name")
                .returns(Attachment.class);
        routes.get("/workorders/{id}/attachments", req -> attachments().list(req.requireCaller(), id(req)))
                .summary("The order's files, oldest first").tag("workorders")
                .permission(Permissions.WORKORDER_READ);
        routes.get("/workorders/{id}/attachments/{sha256}", this::download)
                .summary("Download one of the order's files; images are shown inline, other files are downloads")
                .tag("workorders").permission(Permissions.WORKORDER_READ);
    }

    private Attachments attachments() {
        return kernel.attachments();
    }

    private Object upload(RestRequest req) {
        long id = id(req);
        Attachments.Result r = attachments().attach(req.requireCaller(), id, uploadOf(req));
        return answer("/workorders/" + id + "/attachments/", r);
    }

    private Object uploadAnonymous(RestRequest req) {
        limiter.require(req.remoteAddress(), kernel.config().anonymousUploadsPerHour(), "anonymous uploads", "");
        Attachments.Result r = attachments().attachAnonymous(req.pathParam("number"),
                req.header(TOKEN_HEADER).orElse(null), uploadOf(req), req.remoteAddress());
        // The resident learns the hash (to name it when calling back), not the order's id.
        return r.created() ? RestResponse.status(201, r.attachment()) : RestResponse.ok(r.attachment());
    }

    private static Attachments.Upload uploadOf(RestRequest req) {
        if (!req.hasBody()) {
            throw ProblemException.badRequest("The body is the file: send its bytes with its Content-Type");
        }
        long length = req.header("Content-Length").map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
        return new Attachments.Upload(req.bodyStream(), req.header("Content-Type").orElse(null), length,
                req.query("name").orElse(null));
    }

    private static RestResponse answer(String base, Attachments.Result r) {
        return r.created() ? RestResponse.created(base + r.attachment().sha256(), r.attachment())
                : RestResponse.ok(r.attachment());
    }

    private Object download(RestRequest req) {
        Attachments.File f = attachments().file(req.requireCaller(), id(req), req.pathParam("sha256"));
        Attachment a = f.attachment();
        String fallback = a.sha256() + extension(a.mediaType());
        String disposition = (a.mediaType().startsWith("image/") ? "inline" : "attachment") + "; filename=\""
                + fallback + "\"" + (a.name() == null ? ""
                : "; filename*=UTF-8''" + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        return RestResponse.stream(a.mediaType(), out -> Files.copy(f.path(), out))
                .header("Content-Length", Long.toString(a.size()))
                .header("Content-Disposition", disposition)
                // The type was checked on upload; the browser must not guess another (an HTML polyglot, say).
                .header("X-Content-Type-Options", "nosniff");
    }

    private static String extension(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "video/mp4" -> ".mp4";
            case "audio/mpeg" -> ".mp3";
            case "audio/mp4" -> ".m4a";
            case "audio/amr" -> ".amr";
            default -> "";
        };
    }

    private static long id(RestRequest req) {
        try {
            return Long.parseLong(req.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No work order " + req.pathParam("id"));
        }
    }
}
