package io.onegrid.workorder.internal.sla;

import java.util.Arrays;
import java.util.Optional;

/**
 * How pressing an order is, which decides its clock: routine orders get their category's working-day limit, urgent
 * ones the same day, difficult ones three working days and major ones the deadline agreed with the resident or the
 * leader. Level 2 and above are reminded a day before the deadline.
 */
public enum SlaLevel {
    /** 一般: the category's limit in working days. */
    ROUTINE(1, "一般", "Routine"),
    /** 紧急: by the end of the day it was accepted. */
    URGENT(2, "紧急", "Urgent"),
    /** 疑难: three working days. */
    DIFFICULT(3, "疑难", "Difficult"),
    /** 重大: an agreed deadline, which must be given. */
    MAJOR(4, "重大", "Major");

    public static final int DIFFICULT_WORKING_DAYS = 3;

    private final int number;
    private final String titleZh;
    private final String titleEn;

    SlaLevel(int number, String titleZh, String titleEn) {
        this.number = number;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
    }

    public int number() {
        return number;
    }

    public String titleZh() {
        return titleZh;
    }

    public String titleEn() {
        return titleEn;
    }

    public static Optional<SlaLevel> ofNumber(int number) {
        return Arrays.stream(values()).filter(l -> l.number == number).findFirst();
    }
}
