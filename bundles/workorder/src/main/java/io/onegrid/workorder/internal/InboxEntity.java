package io.onegrid.workorder.internal;

import io.onegrid.api.notify.Notification;
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

/** Row of {@code og_wo_inbox}: a notification in one person's console inbox. */
@Entity
@Table(name = "og_wo_inbox")
public class InboxEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "recipient", length = 64, nullable = false, updatable = false)
    private String recipient;

    @Column(name = "note_kind", length = 16, nullable = false, updatable = false)
    private String kind;

    @Column(name = "order_id", updatable = false)
    private Long orderId;

    @Column(name = "order_number", length = 32, updatable = false)
    private String orderNumber;

    @Column(name = "title_zh", length = 200, nullable = false, updatable = false)
    private String titleZh;

    @Column(name = "title_en", length = 200, nullable = false, updatable = false)
    private String titleEn;

    @Column(name = "body", length = 1000, updatable = false)
    private String body;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "read_at")
    private Date readAt;

    protected InboxEntity() {
    }

    InboxEntity(Notification n) {
        this.recipient = n.recipient();
        this.kind = cut(n.kind(), 16);
        this.orderId = n.orderId();
        this.orderNumber = n.orderNumber();
        this.titleZh = cut(n.titleZh(), 200);
        this.titleEn = cut(n.titleEn(), 200);
        this.body = n.body() == null ? null : cut(n.body(), 1000);
        this.createdAt = Date.from(n.at());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    String recipient() {
        return recipient;
    }

    void read(Instant at) {
        if (readAt == null) {
            readAt = Date.from(at);
        }
    }

    /** One inbox entry as the console shows it. */
    public record Item(long id, String kind, Long orderId, String orderNumber, String titleZh, String titleEn,
            String body, Instant createdAt, Instant readAt) {
    }

    Item toItem() {
        return new Item(id, kind, orderId, orderNumber, titleZh, titleEn, body, createdAt.toInstant(),
                readAt == null ? null : readAt.toInstant());
    }
}
