package io.onegrid.workorder.internal.analytics;

import io.onegrid.workorder.internal.analytics.Analytics.Bulletin;
import io.onegrid.workorder.internal.analytics.Analytics.CategoryCount;
import io.onegrid.workorder.internal.analytics.Analytics.DepartmentAlert;
import java.util.Locale;

/** The Chinese Markdown rendering of a town's daily bulletin (一网统管日报), for the console and messaging groups. */
final class BulletinText {

    private BulletinText() {
    }

    static String markdown(Bulletin b) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(b.townName()).append(" 一网统管日报（").append(b.date()).append("）\n\n");
        md.append("- 新增工单：").append(b.created()).append(" 件\n");
        md.append("- 办结工单：").append(b.resolved()).append(" 件");
        if (b.onTimeRate() != null) {
            md.append("，其中按期办结 ").append(b.resolvedOnTime()).append(" 件，按期办结率 ")
                    .append(String.format(Locale.ROOT, "%.1f%%", b.onTimeRate() * 100));
        }
        md.append("\n- 超期未办结：").append(b.overdue()).append(" 件\n\n");
        md.append("## 高发问题类别\n\n");
        if (b.topCategories().isEmpty()) {
            md.append("当日无新增工单。\n");
        }
        int i = 1;
        for (CategoryCount c : b.topCategories()) {
            md.append(i++).append(". ").append(c.name() == null ? c.code() : c.name()).append("（").append(c.code())
                    .append("）：").append(c.count()).append(" 件\n");
        }
        md.append("\n## 需督办部门\n\n");
        if (b.worstDepartments().isEmpty()) {
            md.append("无超期或逾期办结的部门。\n");
        }
        i = 1;
        for (DepartmentAlert d : b.worstDepartments()) {
            md.append(i++).append(". ").append(d.name() == null ? d.code() : d.name()).append("：超期未办结 ")
                    .append(d.overdue()).append(" 件，当日逾期办结 ").append(d.resolvedLate()).append(" 件\n");
        }
        return md.toString();
    }
}
