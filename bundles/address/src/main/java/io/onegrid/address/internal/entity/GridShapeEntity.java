package io.onegrid.address.internal.entity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_grid_shape}: a grid's or micro-grid's polygon as a GeoJSON geometry. */
@Entity
@Table(name = "og_grid_shape")
public class GridShapeEntity {

    @Id
    @Column(name = "code", length = 17)
    private String code;

    @Column(name = "name", length = 100, nullable = false)
    private String name;

    @Lob
    @Column(name = "geojson", nullable = false)
    private String geojson;

    @Version
    @Column(name = "version")
    private long version;

    protected GridShapeEntity() {
    }

    public GridShapeEntity(String code, String name, String geojson) {
        this.code = code;
        change(name, geojson);
    }

    public final void change(String newName, String newGeojson) {
        this.name = newName;
        this.geojson = newGeojson;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String geojson() {
        return geojson;
    }
}
