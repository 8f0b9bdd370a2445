package io.onegrid.address.internal.entity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_address}: one standard address (a house, a flat, a shop). */
@Entity
@Table(name = "og_address")
public class AddressEntity {

    @Id
    @Column(name = "code", length = 20)
    private String code;

    @Column(name = "region_code", length = 12, nullable = false)
    private String regionCode;

    @Column(name = "grid_code", length = 17)
    private String gridCode;

    @Column(name = "scope_code", length = 17, nullable = false)
    private String scopeCode;

    @Column(name = "road", length = 100)
    private String road;

    @Column(name = "house_number", length = 32)
    private String houseNumber;

    @Column(name = "building", length = 32)
    private String building;

    @Column(name = "unit_no", length = 16)
    private String unit;

    @Column(name = "room", length = 16)
    private String room;

    @Column(name = "full_text", length = 400, nullable = false)
    private String fullText;

    @Column(name = "lon")
    private Double lon;

    @Column(name = "lat")
    private Double lat;

    @Version
    @Column(name = "version")
    private long version;

    protected AddressEntity() {
    }

    public AddressEntity(String code, String regionCode) {
        this.code = code;
        this.regionCode = regionCode;
        this.scopeCode = regionCode;
    }

    /** Sets every descriptive field at once; the grid decides the scope code. */
    public void describe(String newRoad, String newHouseNumber, String newBuilding, String newUnit, String newRoom,
            String newFullText, Double newLon, Double newLat, String newGridCode) {
        this.road = newRoad;
        this.houseNumber = newHouseNumber;
        this.building = newBuilding;
        this.unit = newUnit;
        this.room = newRoom;
        this.fullText = newFullText;
        this.lon = newLon;
        this.lat = newLat;
        this.gridCode = newGridCode;
        this.scopeCode = newGridCode != null ? newGridCode : regionCode;
    }

    public String code() {
        return code;
    }

    public String regionCode() {
        return regionCode;
    }

    public String gridCode() {
        return gridCode;
    }

    public String scopeCode() {
        return scopeCode;
    }

    public String road() {
        return road;
    }

    public String houseNumber() {
        return houseNumber;
    }

    public String building() {
        return building;
    }

    public String unit() {
        return unit;
    }

    public String room() {
        return room;
    }

    public String fullText() {
        return fullText;
    }

    public Double lon() {
        return lon;
    }

    public Double lat() {
        return lat;
    }
}
