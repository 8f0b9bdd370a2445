package io.onegrid.identity.internal;

import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Region;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.DataScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code regions.csv} ({@code code,name,parent_code,kind,area}, UTF-8, header row) and checks every line before
 * anything is kept: the code parses, its level matches {@code kind}, it fits its parent, the parent exists in the tree
 * or in the file, no code appears twice or exists already, and the caller's scope covers it. All bad lines are
 * reported at once, by line number.
 */
final class RegionCsvReader {

    static final List<String> HEADER = List.of("code", "name", "parent_code", "kind", "area");
    static final int MAX_REPORTED = 1000;

    private RegionCsvReader() {
    }

    static List<Region> read(InputStream in, Predicate<String> existsInTree, DataScope scope) {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        List<Violation> errors = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        Map<String, Integer> lineOfCode = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .map(h -> h.startsWith("\uFEFF") ? h.substring(1) : h).toList();
            for (String column : HEADER.subList(0, 4)) {
                if (!header.contains(column)) {
                    throw ProblemException.invalid("The file has no '" + column + "' column",
                            List.of(Violation.ofLine(1, column, "expected header " + String.join(",", HEADER))));
                }
            }
            for (CSVRecord record : parser) {
                // line numbers count the header as line 1
                int line = (int) parser.getCurrentLineNumber();
                Region region = check(record, line, header, errors);
                if (region == null) {
                    continue;
                }
                Integer earlier = lineOfCode.putIfAbsent(region.code(), line);
                if (earlier != null) {
                    errors.add(Violation.ofLine(line, "code", region.code() + " appears already on line " + earlier));
                } else if (existsInTree.test(region.code())) {
                    errors.add(Violation.ofLine(line, "code", region.code() + " exists already"));
                } else if (!scope.coversRegion(RegionCode.parse(region.code()))) {
                    errors.add(Violation.ofLine(line, "code", region.code() + " lies outside your scope"));
                } else {
                    regions.add(region);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw ProblemException.badRequest("The file cannot be read as UTF-8 CSV: " + e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw ProblemException.badRequest("The file is not well-formed CSV: " + e.getMessage());
        }
        for (Region region : regions) {
            String parent = region.parentCode();
            if (parent != null && !lineOfCode.containsKey(parent) && !existsInTree.test(parent)) {
                errors.add(Violation.ofLine(lineOfCode.get(region.code()), "parent_code",
                        "parent " + parent + " exists neither in the tree nor in this file"));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
            List<Violation> reported = errors.size() > MAX_REPORTED ? errors.subList(0, MAX_REPORTED) : errors;
            throw ProblemException.invalid(errors.size() + " line(s) are wrong; nothing of this file was kept",
                    reported);
        }
        return regions;
    }

    private static Region check(CSVRecord record, int line, List<String> header, List<Violation> errors) {
        if (!record.isConsistent()) {
            errors.add(Violation.ofLine(line, null, "has " + record.size() + " fields, the header " + header.size()));
            return null;
        }
        String codeText = record.get("code");
        String name = record.get("name");
        String parentText = record.get("parent_code");
        String kind = record.get("kind");
        String areaText = header.contains("area") ? record.get("area") : "";
        int before = errors.size();
        RegionCode code = null;
        try {
            code = RegionCode.parse(codeText);
        } catch (IllegalArgumentException e) {
            errors.add(Violation.ofLine(line, "code", e.getMessage()));
        }
        if (name.isEmpty() || name.length() > 100) {
            errors.add(Violation.ofLine(line, "name", "1 to 100 characters"));
        }
        RegionLevel level = null;
        try {
            level = RegionLevel.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(Violation.ofLine(line, "kind", "one of county, town, village, grid, microgrid, not '" + kind
                    + "'"));
        }
        AreaKind area = AreaKind.RURAL;
        if (!areaText.isEmpty()) {
            try {
                area = AreaKind.valueOf(areaText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(Violation.ofLine(line, "area", "rural or urban, not '" + areaText + "'"));
            }
        }
        String parent = parentText.isEmpty() ? null : parentText;
        if (code != null) {
            if (level != null && code.level() != level) {
                errors.add(Violation.ofLine(line, "kind", "code " + code + " is a " + code.level().name()
                        .toLowerCase(Locale.ROOT) + ", not a " + kind));
            }
            String expectedParent = code.parent().map(RegionCode::value).orElse(null);
            if (expectedParent == null ? parent != null : !expectedParent.equals(parent)) {
                errors.add(Violation.ofLine(line, "parent_code", "code " + code + " does not fit parent '"
                        + (parent == null ? "" : parent) + "'"
                        + (expectedParent == null ? "; a county has no parent" : "; its parent is " + expectedParent)));
            }
        }
        return errors.size() > before ? null : new Region(code.value(), name, parent, code.level(), area, null);
    }
}
