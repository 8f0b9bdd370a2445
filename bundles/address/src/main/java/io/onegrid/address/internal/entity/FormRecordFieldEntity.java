package io.onegrid.address.internal.entity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** Row of {@code og_form_record_field}: one top-level scalar field of a record's current data, for equality filters. */
@Entity
@Table(name = "og_form_record_field")
public class FormRecordFieldEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "record_id", nullable = false)
    private long recordId;

    @Column(name = "field_name", length = 100, nullable = false)
    private String fieldName;

    @Column(name = "field_value", length = 200, nullable = false)
    private String fieldValue;

    protected FormRecordFieldEntity() {
    }

    public FormRecordFieldEntity(long recordId, String name, String value) {
        this.recordId = recordId;
        this.fieldName = name;
        this.fieldValue = value;
    }

    public long recordId() {
        return recordId;
    }

    public String name() {
        return fieldName;
    }

    public String value() {
        return fieldValue;
    }
}
