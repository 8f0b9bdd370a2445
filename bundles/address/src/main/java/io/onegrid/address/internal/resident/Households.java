package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.address.internal.entity.HouseholdEntity;
import io.onegrid.address.internal.entity.ResidentEntity;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import java.util.Date;
import java.util.List;
import javax.persistence.EntityManager;

/** Who belongs to which household when people register, move and found households; runs inside a transaction. */
final class Households {

    private Households() {
    }

    /**
     * Puts a resident who now lives at {@code house} into a household there: the given one, else the house's first,
     * else a new one with the resident as head (the same rule as the import).
     */
    static void place(EntityManager em, ResidentEntity r, AddressEntity house, Long householdId, boolean migrant,
            String field) {
        HouseholdEntity h;
        if (householdId != null) {
            h = em.find(HouseholdEntity.class, householdId);
            if (h == null || !h.addressCode().equals(house.code())) {
                throw ProblemException.invalid("No such household", List.of(Violation.ofField(field,
                        "no household " + householdId + " at house " + house.code())));
            }
        } else {
            List<HouseholdEntity> first = em.createQuery("SELECT h FROM HouseholdEntity h WHERE h.addressCode = :c"
                    + " ORDER BY h.id", HouseholdEntity.class).setParameter("c", house.code()).setMaxResults(1)
                    .getResultList();
            if (first.isEmpty()) {
                h = new HouseholdEntity(house.code(), nextNumber(em, house.code()), migrant ? "migrant" : "registered",
                        house.scopeCode(), new Date());
                em.persist(h);
                em.flush();
            } else {
                h = first.get(0);
            }
        }
        r.householdId(h.id());
        if (h.headResidentId() == null) {
            h.headResidentId(r.id());
        }
    }

    /** Takes a resident out of its household; a departing head is followed by the longest-registered member. */
    static void leave(EntityManager em, ResidentEntity r) {
        if (r.householdId() == null) {
            return;
        }
        HouseholdEntity h = em.find(HouseholdEntity.class, r.householdId());
        r.householdId(null);
        if (h != null && Long.valueOf(r.id()).equals(h.headResidentId())) {
            List<Long> next = em.createQuery("SELECT m.id FROM ResidentEntity m WHERE m.householdId = :h AND m.id <> :r"
                    + " AND m.movedOutAt IS NULL ORDER BY m.id", Long.class).setParameter("h", h.id())
                    .setParameter("r", r.id()).setMaxResults(1).getResultList();
            h.headResidentId(next.isEmpty() ? null : next.get(0));
        }
    }

    /** The lowest free number at a house: "1", "2", ... */
    static String nextNumber(EntityManager em, String addressCode) {
        List<String> taken = em.createQuery("SELECT h.householdNo FROM HouseholdEntity h WHERE h.addressCode = :c",
                String.class).setParameter("c", addressCode).getResultList();
        int n = 1;
        while (taken.contains(String.valueOf(n))) {
            n++;
        }
        return String.valueOf(n);
    }
}
