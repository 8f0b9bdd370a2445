package io.onegrid.workorder.internal;

import java.time.Instant;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_attachment}: a stored file belonging to an order. Written once, never changed. */
@Entity
@Table(name = "og_wo_attachment")
public class AttachmentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "sha256", length = 64, nullable = false, updatable = false)
    private String sha256;

    @Column(name = "media_type", length = 40, nullable = false, updatable = false)
    private String mediaType;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long size;

    @Column(name = "file_name", length = 200, updatable = false)
    private String fileName;

    @Column(name = "uploaded_by", length = 100, nullable = false, updatable = false)
    private String uploadedBy;

    @Column(name = "uploaded_by_kind", length = 10, nullable = false, updatable = false)
    private String uploadedByKind;

    @Column(name = "client_address", length = 64, updatable = false)
    private String clientAddress;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Date uploadedAt;

    protected AttachmentEntity() {
    }

    AttachmentEntity(long orderId, AttachmentStore.Received file, String fileName, String uploadedBy,
            String uploadedByKind, String clientAddress, Instant now) {
        this.orderId = orderId;
        this.sha256 = file.sha256();
        this.mediaType = file.mediaType();
        this.size = file.size();
        this.fileName = fileName;
        this.uploadedBy = uploadedBy.length() <= 100 ? uploadedBy : uploadedBy.substring(0, 100);
        this.uploadedByKind = uploadedByKind;
        this.clientAddress = clientAddress == null || clientAddress.length() <= 64 ? clientAddress
                : clientAddress.substring(0, 64);
        this.uploadedAt = Date.from(now);
    }

    String sha256() {
        return sha256;
    }

    String mediaType() {
        return mediaType;
    }

    long size() {
        return size;
    }

    String fileName() {
        return fileName;
    }

    Attachment toRecord() {
        return new Attachment(sha256, mediaType, size, fileName, uploadedBy, uploadedAt.toInstant());
    }

    /** An attachment as the API shows it. */
    public record Attachment(String sha256, String mediaType, long size, String name, String uploadedBy,
            Instant uploadedAt) {
    }
}
