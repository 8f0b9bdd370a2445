package io.onegrid.address.internal;

/** The one-line form of an address, from its parts: road, house number, building, unit, room. */
final class AddressText {

    private AddressText() {
    }

    static String compose(String road, String houseNumber, String building, String unit, String room) {
        StringBuilder sb = new StringBuilder();
        append(sb, road, "");
        append(sb, houseNumber, endsWithUnitWord(houseNumber, "号") ? "" : "号");
        append(sb, building, endsWithUnitWord(building, "栋", "号楼", "幢") ? "" : "栋");
        append(sb, unit, endsWithUnitWord(unit, "单元") ? "" : "单元");
        append(sb, room, endsWithUnitWord(room, "室") ? "" : "室");
        String text = sb.toString();
        return text.length() > 400 ? text.substring(0, 400) : text;
    }

    private static void append(StringBuilder sb, String part, String suffix) {
        if (part != null && !part.isBlank()) {
            sb.append(part.strip()).append(suffix);
        }
    }

    private static boolean endsWithUnitWord(String part, String... words) {
        if (part == null) {
            return false;
        }
        for (String w : words) {
            if (part.strip().endsWith(w)) {
                return true;
            }
        }
        return false;
    }
}
