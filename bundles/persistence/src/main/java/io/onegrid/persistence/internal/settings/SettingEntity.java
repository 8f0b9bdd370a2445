package io.onegrid.persistence.internal.settings;

import io.onegrid.api.settings.Setting;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.Version;

/** Row of {@code og_setting}. */
@Entity
@Table(name = "og_setting")
public class SettingEntity {

    @Id
    @Column(name = "setting_key", length = 100)
    private String key;

    @Column(name = "setting_value", length = 4000, nullable = false)
    private String value;

    @Version
    @Column(name = "version")
    private long version;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "updated_at", nullable = false)
    private Date updatedAt;

    protected SettingEntity() {
    }

    SettingEntity(String key) {
        this.key = key;
    }

    void change(String newValue, Date when) {
        this.value = newValue;
        this.updatedAt = when;
    }

    long version() {
        return version;
    }

    Setting toRecord() {
        return new Setting(key, value, version, updatedAt.toInstant());
    }
}
