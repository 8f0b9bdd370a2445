package io.onegrid.address.internal.doorplate;

import java.util.List;
import java.util.Objects;

/**
 * One card of a doorplate sheet.
 *
 * @param code        the village's 12-digit code or a 20-digit standard address code (checked when rendered, by
 *                    {@link DoorplateQr#requireCode(String)})
 * @param title       a short heading, e.g. the house number; may be {@code null}
 * @param addressText the full address in Chinese; may be {@code null}
 * @param contacts    the people to reach, in printing order; {@code null} means none
 */
public record Doorplate(String code, String title, String addressText, List<Contact> contacts) {

    public Doorplate {
        Objects.requireNonNull(code, "doorplate code");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
}
