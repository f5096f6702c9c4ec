/**
 * The message catalogue: every label of the site in Chinese (default) and English.
 * Pages call `t(lang, key)`; nothing user-facing is written inline elsewhere.
 */
export type Lang = 'zh' | 'en';

const messages = {
  siteName: { zh: '啄木鸟 · 政务服务效能监督', en: 'Woodpecker · Government service watch' },
  navHome: { zh: '首页', en: 'Home' },
  navServices: { zh: '服务事项', en: 'Services' },
  navDepartments: { zh: '部门', en: 'Departments' },
  navRankings: { zh: '效能评议', en: 'Rankings' },
  navCritiques: { zh: '找茬窗口', en: 'Find fault' },
  navHallOfFame: { zh: '啄木鸟奖', en: 'Woodpecker awards' },
  navSignIn: { zh: '工作人员登录', en: 'Staff sign-in' },
  navOutbox: { zh: '消息发件箱', en: 'Outbox' },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },
  language: { zh: 'English', en: '中文' },
  elderMode: { zh: '长者模式', en: 'Large text' },
  homeTitle: { zh: '办事快不快，群众说了算', en: 'How fast and how well is the city serving you?' },
  homeIntro: {
    zh: '每个政务服务事项的法定时限、承诺时限与实际办理时间，按月公开；办件评价、找茬与效能排名一目了然。',
    en: 'For every government service: the statutory limit, the promised limit and the actual time taken, month by month; with reviews, critiques and league tables.',
  },
  statutory: { zh: '法定时限', en: 'Statutory limit' },
  promised: { zh: '承诺时限', en: 'Promised limit' },
  actual: { zh: '实际办理（平均）', en: 'Actual (mean)' },
  actualP50: { zh: '实际办理（中位数）', en: 'Actual (median)' },
  actualP90: { zh: '实际办理（90%分位）', en: 'Actual (90th percentile)' },
  workingDays: { zh: '工作日', en: 'working days' },
  month: { zh: '月份', en: 'Month' },
  cases: { zh: '办件量', en: 'Cases' },
  onTimeRate: { zh: '按时办结率', en: 'On-time rate' },
  promisedSpeedUp: {
    zh: '承诺时限比法定时限提速',
    en: 'Promised limit is shorter than the statutory limit by',
  },
  actualSpeedUp: { zh: '实际办理比法定时限提速', en: 'Actual time is shorter than the statutory limit by' },
  curvesTitle: { zh: '效率曲线', en: 'Efficiency curves' },
  dataTable: { zh: '数据表', en: 'Data table' },
  downloadCsv: { zh: '下载 CSV', en: 'Download CSV' },
  department: { zh: '部门', en: 'Department' },
  service: { zh: '事项', en: 'Service' },
  code: { zh: '编码', en: 'Code' },
  search: { zh: '搜索', en: 'Search' },
  sortBy: { zh: '排序', en: 'Sort by' },
  sortSpeedUp: { zh: '提速比', en: 'Speed-up' },
  sortName: { zh: '名称', en: 'Name' },
  notFoundTitle: { zh: '页面不存在', en: 'Page not found' },
  noData: { zh: '暂无数据', en: 'No data yet' },
  tooFew: { zh: '样本不足', en: 'Too few to judge' },
  signInTitle: { zh: '演示用工作人员账号', en: 'Demo staff accounts' },
  signInIntro: {
    zh: '本地演示环境：选择一个角色登录（令牌由本地签发，与云端 Cognito 令牌格式相同）。',
    en: 'Local demo: pick a role to sign in (tokens come from the local issuer, shaped like Cognito access tokens).',
  },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  signedInAs: { zh: '当前身份', en: 'Signed in as' },
  outboxTitle: { zh: '消息发件箱（本地）', en: 'Outbox (local)' },
  outboxIntro: {
    zh: '云端会通过短信和邮件发送的通知，在本地显示在这里。',
    en: 'The SMS and e-mail the cloud would send are shown here instead.',
  },
  channel: { zh: '渠道', en: 'Channel' },
  recipient: { zh: '收件人', en: 'Recipient' },
  message: { zh: '内容', en: 'Message' },
  time: { zh: '时间', en: 'Time' },
  footer: {
    zh: '啄木鸟：政务服务效能公开与监督平台。工作日按国务院办公厅公布的节假日安排计算（北京时间）。',
    en: 'Woodpecker: open data and oversight of government service delivery. Working days follow the official State Council holiday schedule (Beijing time).',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof messages;

export function t(lang: Lang, key: MessageKey): string {
  return messages[key][lang];
}

export function langOf(value: string | undefined): Lang {
  return value === 'en' ? 'en' : 'zh';
}

/** Percent for display, e.g. 0.7142 → "71%" (zh) / "71%" (en). */
export function percent(lang: Lang, rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(rate);
}

export function number(lang: Lang, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits }).format(
    value,
  );
}
