// The flood page's and panel's texts, Simplified Chinese and English with the same keys (the console's own catalogue
// does not know them). texts(lang) answers t(key, vars); a missing key shows itself, so gaps are visible.
const zh = {
  'stations.title': '水位站', 'stations.caption': '辖区内水位站 {n} 个', 'stations.empty': '辖区内没有水位站。',
  'col.station': '站点', 'col.kind': '类型', 'col.level': '当前水位', 'col.state': '状态', 'col.alarms': '告警', 'col.time': '最近读数',
  'kind.SURFACE_GAUGE': '地表水尺', 'kind.MANHOLE_SENSOR': '井下水位计', 'kind.RIVER_STATION': '河道水文站',
  'state.NO_DATA': '无数据', 'state.NORMAL': '正常', 'state.FORECAST': '超起报', 'state.WARNING': '超警戒', 'state.GUARANTEE': '超保证',
  'back': '← 全部水位站', 'station.facts': '站点信息', 'station.region': '所在区域', 'station.last': '最近水位',
  'station.riseLimit': '涨速限值', 'station.topic': 'MQTT 主题', 'station.none': '没有这个水位站，或不在您的辖区内。',
  'level.forecast': '起报', 'level.warning': '警戒', 'level.guarantee': '保证',
  'level.forecastLong': '起报水位', 'level.warningLong': '警戒水位', 'level.guaranteeLong': '保证水位',
  'chart.title': '{name} 水位过程线', 'chart.range': '时间范围', 'range.24h': '24 小时', 'range.7d': '7 天', 'range.30d': '30 天',
  'chart.empty': '这段时间没有读数', 'chart.summary': '{n} 个读数，最低 {min} 米，最高 {max} 米',
  'chart.limited': '只显示最近的 {n} 个读数', 'chart.loading': '正在读取水位…',
  'alarms.title': '告警', 'alarms.empty': '这个站点还没有告警。', 'alarms.active': '当前告警',
  'alarm.type': '类型', 'alarm.severity': '级别', 'alarm.state': '状态', 'alarm.raised': '触发', 'alarm.peak': '峰值',
  'alarm.acknowledged': '确认', 'alarm.cleared': '解除', 'alarm.order': '工单', 'alarm.action': '操作',
  'type.LEVEL': '水位超警', 'type.RISE': '涨速过快',
  'severity.WARNING': '超警戒', 'severity.GUARANTEE': '超保证',
  'alarmState.RAISED': '已触发', 'alarmState.ACKNOWLEDGED': '已确认', 'alarmState.CLEARED': '已解除',
  'ack': '确认告警', 'ack.done': '告警已确认。', 'ack.conflict': '告警已被确认或已解除。', 'ack.failed': '确认失败：',
  'by': '{who}，{when}',
  'panel.none': '当前没有水位告警。', 'panel.count': '当前告警 {n} 条', 'panel.updated': '更新于 {time}',
  'panel.level': '水位 {level} 米', 'panel.peak': '峰值 {level} 米', 'panel.since': '自 {time}', 'panel.open': '查看站点',
  'panel.failed': '读取告警失败，稍后重试。',
  'error': '读取失败：', 'metres': '{v} 米', 'metresPerHour': '{v} 米/小时',
};

const en = {
  'stations.title': 'Water-level stations', 'stations.caption': '{n} stations in your scope', 'stations.empty': 'No station in your scope.',
  'col.station': 'Station', 'col.kind': 'Kind', 'col.level': 'Level now', 'col.state': 'State', 'col.alarms': 'Alarms', 'col.time': 'Last reading',
  'kind.SURFACE_GAUGE': 'Surface gauge', 'kind.MANHOLE_SENSOR': 'Manhole sensor', 'kind.RIVER_STATION': 'River station',
  'state.NO_DATA': 'No data', 'state.NORMAL': 'Normal', 'state.FORECAST': 'Above forecast', 'state.WARNING': 'Above warning', 'state.GUARANTEE': 'Above guarantee',
  'back': '← All stations', 'station.facts': 'Station', 'station.region': 'Region', 'station.last': 'Last level',
  'station.riseLimit': 'Rise limit', 'station.topic': 'MQTT topic', 'station.none': 'No such station, or outside your scope.',
  'level.forecast': 'forecast', 'level.warning': 'warning', 'level.guarantee': 'guarantee',
  'level.forecastLong': 'Forecast-start level', 'level.warningLong': 'Warning level', 'level.guaranteeLong': 'Guarantee level',
  'chart.title': 'Water level at {name}', 'chart.range': 'Period', 'range.24h': '24 hours', 'range.7d': '7 days', 'range.30d': '30 days',
  'chart.empty': 'No readings in this period', 'chart.summary': '{n} readings, lowest {min} m, highest {max} m',
  'chart.limited': 'Showing the latest {n} readings only', 'chart.loading': 'Reading the levels…',
  'alarms.title': 'Alarms', 'alarms.empty': 'This station has had no alarm.', 'alarms.active': 'Active alarms',
  'alarm.type': 'Type', 'alarm.severity': 'Severity', 'alarm.state': 'State', 'alarm.raised': 'Raised', 'alarm.peak': 'Peak',
  'alarm.acknowledged': 'Acknowledged', 'alarm.cleared': 'Cleared', 'alarm.order': 'Work order', 'alarm.action': 'Action',
  'type.LEVEL': 'Level above warning', 'type.RISE': 'Rising too fast',
  'severity.WARNING': 'Above warning', 'severity.GUARANTEE': 'Above guarantee',
  'alarmState.RAISED': 'Raised', 'alarmState.ACKNOWLEDGED': 'Acknowledged', 'alarmState.CLEARED': 'Cleared',
  'ack': 'Acknowledge', 'ack.done': 'Alarm acknowledged.', 'ack.conflict': 'The alarm was acknowledged or cleared already.', 'ack.failed': 'Acknowledging failed:',
  'by': '{who}, {when}',
  'panel.none': 'No water-level alarm now.', 'panel.count': '{n} active alarms', 'panel.updated': 'Updated {time}',
  'panel.level': 'level {level} m', 'panel.peak': 'peak {level} m', 'panel.since': 'since {time}', 'panel.open': 'Open station',
  'panel.failed': 'Could not read the alarms; trying again shortly.',
  'error': 'Failed:', 'metres': '{v} m', 'metresPerHour': '{v} m/h',
};

const CATALOGUES = { zh, en };

/** The texts of one language ("zh" or "en"; anything else is Chinese, the console's default). */
export function texts(lang) {
  const catalogue = CATALOGUES[lang] || zh;
  const t = (key, vars) => {
    let text = catalogue[key] ?? zh[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  t.lang = CATALOGUES[lang] ? lang : 'zh';
  t.locale = t.lang === 'zh' ? 'zh-CN' : 'en-GB';
  return t;
}

export const catalogues = CATALOGUES;
