package io.onegrid.sample.brightkitchen.internal;

import java.util.Optional;

/** What a kitchen camera's AI reports, with the words the order and the console use (zh, en). */
public enum EventType {
    NO_HAT("未戴工作帽", "No chef's hat"),
    NO_MASK("未戴口罩", "No face mask"),
    NO_GLOVES("未戴手套", "No gloves"),
    NO_UNIFORM("未穿工作服", "No work clothes"),
    SMOKING("后厨吸烟", "Smoking in the kitchen"),
    PHONE("操作时使用手机", "Phone while cooking"),
    RODENT("发现鼠患", "Rodent seen"),
    TRASH_OPEN("垃圾桶未加盖", "Waste bin left open");

    private final String zh;
    private final String en;

    EventType(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    static Optional<EventType> of(String name) {
        for (EventType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
