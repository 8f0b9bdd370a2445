package io.onegrid.address.internal.resident;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fixed vocabulary of resident tags. Tags drive care lists and statistics (独居老人 visits, 残疾人 subsidies), so
 * a typo must be refused rather than become a new category nobody counts. Input accepts the code or the Chinese name;
 * storage and output use the code. Stored as {@code ,a,b,} so that one {@code LIKE '%,a,%'} finds a tag.
 */
public final class ResidentTags {

    /** Code → Chinese name, in documentation order. */
    public static final Map<String, String> VOCABULARY;

    static {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("elderly-alone", "独居老人");
        v.put("empty-nest", "空巢老人");
        v.put("disabled", "残疾人");
        v.put("migrant", "流动人口");
        v.put("party-member", "党员");
        v.put("left-behind-child", "留守儿童");
        v.put("low-income", "低保户");
        v.put("special-hardship", "特困人员");
        v.put("veteran", "退役军人");
        v.put("self-built-house", "自建房户");
        VOCABULARY = java.util.Collections.unmodifiableMap(v);
    }

    private ResidentTags() {
    }

    /** A tag given by code or Chinese name, as its code; {@code null} when it is not in the vocabulary. */
    public static String code(String tag) {
        if (tag == null) {
            return null;
        }
        String t = tag.strip();
        // underscores too: the shared generator (gen-county.py) and some spreadsheets write elderly_alone
        String lower = t.toLowerCase(Locale.ROOT).replace('_', '-');
        if (VOCABULARY.containsKey(lower)) {
            return lower;
        }
        for (Map.Entry<String, String> e : VOCABULARY.entrySet()) {
            if (e.getValue().equals(t)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The tags of a list, as sorted codes without duplicates; unknown ones go to {@code unknown}. */
    public static List<String> parse(List<String> tags, List<String> unknown) {
        TreeSet<String> codes = new TreeSet<>();
        if (tags != null) {
            for (String tag : tags) {
                if (tag == null || tag.isBlank()) {
                    continue;
                }
                String code = code(tag);
                if (code == null) {
                    unknown.add(tag.strip());
                } else {
                    codes.add(code);
                }
            }
        }
        return new ArrayList<>(codes);
    }

    /** The {@code tags} column of a CSV line: separated by {@code ;} (also the full-width {@code ；}). */
    public static List<String> split(String field) {
        List<String> parts = new ArrayList<>();
        if (field != null) {
            for (String p : field.split("[;；]")) {
                if (!p.isBlank()) {
                    parts.add(p.strip());
                }
            }
        }
        return parts;
    }

    /** Why a tag was refused, naming the accepted ones. */
    public static String unknownMessage(List<String> unknown) {
        return "unknown tag(s) " + unknown + "; known tags: " + known();
    }

    static String known() {
        StringBuilder sb = new StringBuilder();
        VOCABULARY.forEach((code, name) -> sb.append(sb.length() == 0 ? "" : ", ").append(code).append(" (")
                .append(name).append(')'));
        return sb.toString();
    }

    /** The stored form: {@code ,a,b,}; {@code ,} for none. */
    public static String store(List<String> codes) {
        return "," + String.join(",", codes) + (codes.isEmpty() ? "" : ",");
    }

    /** The codes of a stored value. */
    public static List<String> read(String stored) {
        return ResidentTags.split(stored == null ? "" : stored.replace(',', ';'));
    }
}
