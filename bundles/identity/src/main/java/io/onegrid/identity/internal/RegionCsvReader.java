package io.onegrid.identity.internal;

import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Region;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.DataScope;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        LineTracker reader = new LineTracker(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        List<Violation> errors = new ArrayList<>();
        List<Region> regions = new ArrayList<>();
        Map<String, Integer> lineOfCode = new HashMap<>();
        // every code written in the file, also on lines refused for another reason: a child of such a line is not
        // told that its parent is missing from the file
        Set<String> codesInFile = new HashSet<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(reader)) {
            // a byte order mark (Excel's "CSV UTF-8") reaches the parser as part of the first column's name
            List<String> header = parser.getHeaderNames().stream()
                    .map(h -> h.startsWith("\uFEFF") ? h.substring(1) : h)
                    .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
            for (String column : HEADER.subList(0, 4)) {
                if (!header.contains(column)) {
                    throw ProblemException.invalid("The file has no '" + column + "' column",
                            List.of(Violation.ofLine(1, column, "expected header " + String.join(",", HEADER))));
                }
            }
            // columns by their normalised name: the parser's own mapping keeps the BOM and the letter case
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i), i);
            }
            for (CSVRecord record : parser) {
                // the physical line the record starts on, the header being line 1 (the parser's line counter tells
                // where a record ends, which is later for a quoted field with line breaks)
                int line = reader.lineAt(record.getCharacterPosition());
                if (record.size() == header.size()) {
                    codesInFile.add(record.get(columns.get("code")));
                }
                Region region = check(record, line, header, columns, errors);
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
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CharacterCodingException) {
                    throw ProblemException.badRequest("The file is not UTF-8 text (it holds bytes that are not "
                            + "UTF-8, e.g. GBK); save it as UTF-8 (\"CSV UTF-8\") and try again");
                }
            }
            if (e instanceof IOException || e instanceof UncheckedIOException) {
                throw ProblemException.badRequest("The file cannot be read as UTF-8 CSV: " + e.getMessage());
            }
            throw ProblemException.badRequest("The file is not well-formed CSV: " + e.getMessage());
        }
        for (Region region : regions) {
            String parent = region.parentCode();
            if (parent != null && !codesInFile.contains(parent) && !existsInTree.test(parent)) {
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

    private static Region check(CSVRecord record, int line, List<String> header, Map<String, Integer> columns,
            List<Violation> errors) {
        if (record.size() != header.size()) {
            errors.add(Violation.ofLine(line, null, "has " + record.size() + " fields, the header " + header.size()));
            return null;
        }
        String codeText = record.get(columns.get("code"));
        String name = record.get(columns.get("name"));
        String parentText = record.get(columns.get("parent_code"));
        String kind = record.get(columns.get("kind"));
        String areaText = columns.containsKey("area") ? record.get(columns.get("area")) : "";
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

    /**
     * Passes the text through to the parser and remembers which characters end lines, so that a record can be
     * reported at the physical line it starts on: after blank lines the parser skipped, and across line breaks inside
     * quoted fields. CR LF, LF and a lone CR each end one line.
     */
    private static final class LineTracker extends FilterReader {

        /** Positions of CR and LF characters. */
        private final BitSet lineEndChars = new BitSet();
        /** Positions of the characters that end a line (the CR of CR LF, a lone CR, a lone LF). */
        private final BitSet lineEnds = new BitSet();
        private int position;
        private int previous = -1;
        private int countedTo;
        private int linesBefore;

        LineTracker(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                track((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                track(buffer[offset + i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n && read() >= 0) {
                skipped++;
            }
            return skipped;
        }

        private void track(char c) {
            if (c == '\r' || c == '\n') {
                lineEndChars.set(position);
                if (c == '\r' || previous != '\r') {
                    lineEnds.set(position);
                }
            }
            previous = c;
            position++;
        }

        /**
         * The 1-based line of the first character at or after {@code characterPosition} that does not end a line.
         * Positions must not decrease from one call to the next.
         */
        int lineAt(long characterPosition) {
            int start = lineEndChars.nextClearBit((int) characterPosition);
            if (start > countedTo) {
                linesBefore += lineEnds.get(countedTo, start).cardinality();
                countedTo = start;
            }
            return linesBefore + 1;
        }
    }
}
