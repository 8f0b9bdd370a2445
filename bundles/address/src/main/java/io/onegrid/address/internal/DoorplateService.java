package io.onegrid.address.internal;

import io.onegrid.address.internal.doorplate.Contact;
import io.onegrid.address.internal.doorplate.ContactRole;
import io.onegrid.address.internal.doorplate.Doorplate;
import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.address.internal.entity.DoorplateContactEntity;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Doorplates: what a village's or a house's plate shows (its title, address and the people to reach) and the contacts
 * behind it. Contacts are kept per village, grid or micro-grid; a house's plate lists its village's, then its grid's,
 * then its micro-grid's, so a grid worker is named once for the whole grid and a redrawn grid updates every plate.
 */
@Component(service = DoorplateService.class)
public final class DoorplateService {

    /** More would not fit on a plate, and a list that long is a mistake in the request. */
    static final int MAX_CONTACTS = 12;
    private static final int SHEET_BATCH = 500;
    private static final Pattern PHONE = Pattern.compile("[0-9+][0-9 \\-]{2,30}");

    private final JpaTransactions jpa;
    private final RegionService regions;
    private final AuditLog audit;

    @Activate
    public DoorplateService(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            @Reference RegionService regions, @Reference AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        this.regions = regions;
        this.audit = audit;
    }

    /** A contact as the API shows and takes it. */
    public record ContactView(String role, String title, String name, String phone) {
    }

    /** Body of {@code PUT /doorplates/{region}/contacts}. */
    public record ContactList(List<ContactInput> contacts) {
    }

    public record ContactInput(String role, String name, String phone) {
    }

    /** The public face of a doorplate, as the resident page shows it. */
    public record DoorplateView(String code, String kind, String villageCode, String villageName, String title,
            String addressText, List<ContactView> contacts) {
    }

    /** The plate of an existing village (12 digits) or standard address (20 digits); anyone may read it. */
    public Optional<DoorplateView> find(String code) {
        if (AddressCode.isValid(code)) {
            return jpa.read(em -> Optional.ofNullable(em.find(AddressEntity.class, code))).flatMap(a -> village(
                    a.regionCode()).map(v -> new DoorplateView(a.code(), "house", v.code(), v.name(),
                    houseTitle(a), withVillage(v.name(), a.fullText()), views(contactsFor(a.regionCode(), a.scopeCode())))));
        }
        return RegionCode.tryParse(code).filter(r -> r.level() == RegionLevel.VILLAGE).flatMap(r -> village(r.value()))
                .map(v -> new DoorplateView(v.code(), "village", v.code(), v.name(), v.name(), null,
                        views(contactsFor(v.code(), v.code()))));
    }

    /** The contacts kept on one village, grid or micro-grid. */
    public List<ContactView> contacts(Caller caller, String regionCode) {
        Access.require(caller, Permissions.REGION_READ);
        RegionCode region = contactRegion(caller, regionCode);
        return views(jpa.read(em -> em.createQuery("SELECT c FROM DoorplateContactEntity c WHERE c.regionCode = :r"
                + " ORDER BY c.id", DoorplateContactEntity.class).setParameter("r", region.value()).getResultList()));
    }

    /** Replaces the contacts of one village, grid or micro-grid: all of them or, on any bad entry, none. */
    public List<ContactView> replaceContacts(Caller caller, String regionCode, ContactList list) {
        Access.require(caller, Permissions.REGION_WRITE);
        RegionCode region = contactRegion(caller, regionCode);
        List<ContactInput> input = list == null || list.contacts() == null ? List.of() : list.contacts();
        List<Violation> violations = new ArrayList<>();
        if (input.size() > MAX_CONTACTS) {
            violations.add(Violation.ofField("contacts", "at most " + MAX_CONTACTS + " contacts per region"));
        }
        List<DoorplateContactEntity> rows = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            ContactInput c = input.get(i);
            String at = "contacts[" + i + "]";
            if (c == null) {
                violations.add(Violation.ofField(at, "is null"));
                continue;
            }
            Optional<ContactRole> role = ContactRole.ofSlug(c.role());
            if (role.isEmpty()) {
                violations.add(Violation.ofField(at + ".role", "must be one of " + ContactRole.slugs()));
            }
            String name = c.name() == null ? "" : c.name().strip();
            if (name.isEmpty() || name.length() > 50) {
                violations.add(Violation.ofField(at + ".name", "is required, at most 50 characters"));
            }
            String phone = c.phone() == null || c.phone().isBlank() ? null : c.phone().strip();
            if (phone != null && !PHONE.matcher(phone).matches()) {
                violations.add(Violation.ofField(at + ".phone", "digits, spaces, '-' and a leading '+' only,"
                        + " 3 to 31 characters"));
            }
            if (role.isPresent()) {
                rows.add(new DoorplateContactEntity(region.value(), role.get().slug(), name, phone));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The contacts were not changed", violations);
        }
        jpa.run(em -> {
            em.createQuery("DELETE FROM DoorplateContactEntity c WHERE c.regionCode = :r")
                    .setParameter("r", region.value()).executeUpdate();
            rows.forEach(em::persist);
        });
        audit.record(new AuditEvent(caller.name(), "doorplate.contacts-changed", region.value(),
                rows.size() + " contacts", null));
        return contacts(caller, regionCode);
    }

    /**
     * The village's plate followed by every house's, by code, read in batches so that a village of any size prints
     * without holding all its houses at once.
     */
    public Sheet sheet(Caller caller, String villageCode) {
        Access.require(caller, Permissions.REGION_READ);
        RegionCode code = RegionCode.tryParse(villageCode).filter(r -> r.level() == RegionLevel.VILLAGE)
                .orElseThrow(() -> ProblemException.notFound("No village " + villageCode));
        Region village = regions.find(caller, code.value())
                .orElseThrow(() -> ProblemException.notFound("No village " + villageCode));
        List<DoorplateContactEntity> villageContacts = contactsFor(village.code(), village.code());
        Iterable<Doorplate> plates = () -> new SheetIterator(caller, village, villageContacts);
        return new Sheet(village.code(), village.name(), plates);
    }

    /** A village's plates, read lazily while the page is written. */
    /** The house's address for the plate: its full text, after the village name unless the text starts with it. */
    static String withVillage(String villageName, String fullText) {
        if (fullText == null || fullText.isBlank()) {
            return villageName;
        }
        return villageName == null || fullText.startsWith(villageName) ? fullText : villageName + fullText;
    }

    public record Sheet(String villageCode, String villageName, Iterable<Doorplate> doorplates) {
    }

    private final class SheetIterator implements Iterator<Doorplate> {
        private final Caller caller;
        private final Region village;
        private final List<DoorplateContactEntity> villageContacts;
        private final List<Doorplate> buffer = new ArrayList<>();
        private String after;
        private boolean villageDone;
        private boolean exhausted;

        SheetIterator(Caller caller, Region village, List<DoorplateContactEntity> villageContacts) {
            this.caller = caller;
            this.village = village;
            this.villageContacts = villageContacts;
            this.after = village.code() + "00000000";
        }

        @Override
        public boolean hasNext() {
            if (!villageDone) {
                return true;
            }
            if (buffer.isEmpty() && !exhausted) {
                fill();
            }
            return !buffer.isEmpty();
        }

        @Override
        public Doorplate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (!villageDone) {
                villageDone = true;
                return new Doorplate(village.code(), village.name(), null, printed(villageContacts));
            }
            return buffer.remove(0);
        }

        private void fill() {
            List<AddressEntity> batch = jpa.read(em -> em.createQuery("SELECT a FROM AddressEntity a"
                    + " WHERE a.regionCode = :v AND a.code > :after ORDER BY a.code", AddressEntity.class)
                    .setParameter("v", village.code()).setParameter("after", after).setMaxResults(SHEET_BATCH)
                    .getResultList());
            exhausted = batch.size() < SHEET_BATCH;
            for (AddressEntity a : batch) {
                after = a.code();
                // A grid worker printing the village sheet gets the plates of their own grid only.
                if (caller.scope().coversRegion(RegionCode.parse(a.scopeCode()))) {
                    buffer.add(new Doorplate(a.code(), houseTitle(a), withVillage(village.name(), a.fullText()),
                            printed(contactsFor(a.regionCode(), a.scopeCode()))));
                }
            }
        }
    }

    private Optional<Region> village(String code) {
        return regions.find(Caller.SYSTEM, code).filter(r -> r.level() == RegionLevel.VILLAGE);
    }

    /** A village, grid or micro-grid that exists and lies in the caller's scope. */
    private RegionCode contactRegion(Caller caller, String regionCode) {
        RegionCode region = RegionCode.tryParse(regionCode)
                .filter(r -> r.level() == RegionLevel.VILLAGE || r.level() == RegionLevel.GRID
                        || r.level() == RegionLevel.MICROGRID)
                .orElseThrow(() -> ProblemException.notFound("No village, grid or micro-grid " + regionCode));
        if (regions.find(caller, region.value()).isEmpty()) {
            throw ProblemException.notFound("No village, grid or micro-grid " + regionCode);
        }
        return region;
    }

    /** Contacts of the village and of every region between it and {@code scopeCode} (grid, micro-grid). */
    private List<DoorplateContactEntity> contactsFor(String villageCode, String scopeCode) {
        List<String> levels = new ArrayList<>(List.of(villageCode));
        if (scopeCode != null && scopeCode.length() >= 15) {
            levels.add(scopeCode.substring(0, 15));
        }
        if (scopeCode != null && scopeCode.length() == 17) {
            levels.add(scopeCode);
        }
        List<DoorplateContactEntity> found = new ArrayList<>(jpa.read(em -> em.createQuery(
                "SELECT c FROM DoorplateContactEntity c WHERE c.regionCode IN :codes", DoorplateContactEntity.class)
                .setParameter("codes", levels).getResultList()));
        found.sort(Comparator.comparingInt((DoorplateContactEntity c) -> c.regionCode().length())
                .thenComparingInt(c -> ContactRole.ofSlug(c.role()).map(Enum::ordinal).orElse(99))
                .thenComparingLong(DoorplateContactEntity::id));
        return found;
    }

    private static List<ContactView> views(List<DoorplateContactEntity> rows) {
        return rows.stream().map(c -> {
            Optional<ContactRole> role = ContactRole.ofSlug(c.role());
            return new ContactView(c.role(), role.map(ContactRole::titleZh).orElse(c.role()), c.name(), c.phone());
        }).toList();
    }

    private static List<Contact> printed(List<DoorplateContactEntity> rows) {
        return views(rows).stream().map(v -> new Contact(v.title(), v.name(), v.phone())).toList();
    }

    private static String houseTitle(AddressEntity a) {
        String title = AddressText.compose(a.road(), a.houseNumber(), a.building(), a.unit(), a.room());
        return title.isBlank() ? a.code() : title;
    }
}
