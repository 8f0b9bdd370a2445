package io.onegrid.address.internal.resident;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the houses and residents API. */
public final class ResidentViews {

    private ResidentViews() {
    }

    /**
     * A resident as listings and the ordinary get show it: the ID number always masked, the phone masked in lists.
     *
     * @param status {@code active} (lives at {@code addressCode}) or {@code moved-out}
     */
    public record Resident(long id, String name, String idNumber, String gender, Integer birthYear, String phone,
            String addressCode, String scopeCode, Long householdId, List<String> tags, String status,
            Instant movedInAt, Instant movedOutAt, long version) {
    }

    /** {@code POST /residents}; {@code householdId} is optional (default: the house's first household). */
    public record NewResident(String idNumber, String name, String phone, String addressCode, Long householdId,
            List<String> tags) {
    }

    /**
     * {@code PUT} (every member; a missing phone or tags clears them) and {@code PATCH} (only the members given) of a
     * resident. {@code version} is the version read; a changed resident answers 409.
     */
    public record ResidentChange(String name, String phone, List<String> tags, Long version) {
    }

    /**
     * {@code POST /residents/{id}/move}: {@code to} a house (moving in again when moved out), or no {@code to} to
     * move out of the county.
     */
    public record MoveRequest(String to, Long householdId, String reason, Long version) {
    }

    /** One entry of a resident's history; {@code kind} is {@code in}, {@code out} or {@code move}. */
    public record Move(long id, String kind, String fromAddress, String toAddress, Instant movedAt, String recordedBy,
            String reason) {
    }

    /** The answer of the audited reveal. */
    public record RevealedIdNumber(long residentId, String idNumber) {
    }

    /** A house in a list: the standard address with how many households and residents live there. */
    public record HouseSummary(String code, String regionCode, String gridCode, String fullText, long households,
            long residents) {
    }

    /** A household with its members. */
    public record Household(long id, String addressCode, String householdNo, String kind, Long headResidentId,
            List<Resident> members, long version) {
    }

    /** A house with its households and the residents who belong to none. */
    public record House(String code, String regionCode, String gridCode, String fullText, Double lon, Double lat,
            long residents, List<Household> households, List<Resident> withoutHousehold) {
    }

    /** {@code POST /houses/{code}/households}; every member optional. */
    public record NewHousehold(String householdNo, String kind, Long headResidentId) {
    }
}
