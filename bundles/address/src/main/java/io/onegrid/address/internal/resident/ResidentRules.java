package io.onegrid.address.internal.resident;

import java.util.List;

/** Checks shared by the import, the REST API and the shell. */
final class ResidentRules {

    static final String PHONE_MESSAGE = "not a mobile number (1[3-9] and 9 more digits) or a landline number with"
            + " its area code (0533-1234567)";
    static final int MAX_NAME = 50;
    /** 户别: household registered here (户籍), migrants (流动), tenants (租住). */
    static final List<String> HOUSEHOLD_KINDS = List.of("registered", "migrant", "rented");

    private ResidentRules() {
    }

    /** Why a name is refused, or {@code null}. */
    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "a name is required";
        }
        if (name.length() > MAX_NAME) {
            return "at most " + MAX_NAME + " characters";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "control characters are not allowed";
        }
        return null;
    }
}
