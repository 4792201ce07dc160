// Chinese by default, English as the second language; the choice is remembered on the device.

export type Lang = 'zh' | 'en';

const texts = {
  appName: ['StationNet 工会驿站', 'StationNet worker stations'],
  switchLang: ['English', '中文'],
  demoMode: ['演示模式：数据只保存在内存中，重启后清空；示例数据仅供演示。', 'Demo mode: data is kept in memory only and lost on restart; sample data is for demonstration.'],
  today: ['今日', 'Today'],
  total: ['合计', 'Total'],
  undo: ['撤销', 'Undo'],
  undone: ['已撤销', 'Undone'],
  counted: ['已登记', 'Counted'],
  duplicate: ['已登记过（重复提交）', 'Already counted (resend)'],
  failed: ['提交失败', 'Failed'],
  nothingToUndo: ['没有可撤销的记录', 'Nothing to undo'],
  lastActivity: ['最近服务', 'Last activity'],
  never: ['今日暂无', 'None today'],
  live: ['实时', 'Live'],
  connecting: ['正在连接…', 'Connecting…'],
  lostSince: ['连接中断，自', 'Connection lost since'],
  networkTotals: ['全网今日合计', 'Network totals today'],
  stations: ['驿站', 'Stations'],
  day: ['日期', 'Day'],
  station: ['驿站', 'Station'],
  show: ['查询', 'Show'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  exportXlsx: ['导出 Excel', 'Export Excel'],
  from: ['从', 'From'],
  to: ['到', 'To'],
  lastYear: ['去年同期', 'Same days last year'],
  change: ['同比', 'Change'],
  audit: ['记录审计', 'Audit trail'],
  targets: ['年度目标', 'Yearly targets'],
  yearly: ['年度统计（报表口径）', 'Yearly statistics return'],
  activeStations: ['今日有服务的驿站', 'Stations serving today'],
  compliance: ['开放时段无记录（按营业时间）', 'Open by its hours, nothing logged'],
  allLogged: ['所有开放时段均有记录', 'Every open hour has a record'],
  openHours: ['开放小时', 'Open hours'],
  silentHours: ['无记录小时', 'Silent hours'],
  silentDays: ['整天无记录', 'Silent days'],
  silentWhen: ['最近的无记录时段', 'Latest silent hours'],
  noTargets: ['尚未设定目标', 'No targets set'],
  target: ['目标', 'Target'],
  actual: ['已完成', 'So far'],
  progress: ['完成率', 'Progress'],
  auditEvent: ['登记', 'Event'],
  auditVoid: ['撤销', 'Void'],
  more: ['更多', 'More'],
  recordedAt: ['记录时间', 'Recorded'],
  occurredAt: ['发生时间', 'Occurred'],
  kind: ['类型', 'Kind'],
  service: ['服务', 'Service'],
  attendantShort: ['值班员', 'Attendant'],
  device: ['设备', 'Device'],
  allStations: ['全部驿站', 'All stations'],
  allKinds: ['全部类型', 'All kinds'],
  noData: ['该日无记录', 'No records for this day'],
  wall: ['实时大屏', 'Wall screen'],
  manage: ['统计报表', 'Reports'],
  tablet: ['登记平板', 'Tablet'],
  networks: ['驿站网络', 'Networks'],
  sample: ['示例数据', 'Sample data'],
  notFound: ['未找到', 'Not found'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出登录', 'Sign out'],
  username: ['用户名', 'User name'],
  password: ['密码', 'Password'],
  pairTitle: ['配对本平板', 'Pair this tablet'],
  pairHelp: ['请输入管理员提供的 8 位配对码。', 'Enter the 8-digit pairing code from your administrator.'],
  pairCode: ['配对码', 'Pairing code'],
  tabletName: ['平板名称（可选）', 'Tablet name (optional)'],
  pair: ['配对', 'Pair'],
  pairAgain: ['本平板的授权已失效，请重新配对。', 'This tablet is no longer authorised; pair it again.'],
  needScreenLink: ['需要大屏链接或登录后查看。', 'A screen link or a sign-in is needed to view this wall.'],
  admin: ['系统管理', 'Administration'],
  month: ['本月', 'Month'],
  year: ['本年', 'Year'],
  open: ['开放中', 'Open'],
  closed: ['已闭站', 'Closed'],
  busy: ['繁忙', 'Busy'],
  quiet: ['开放时段无记录', 'Open, nothing logged'],
  yesterday: ['昨日', 'Yesterday'],
  hourly: ['今日分时服务', "Today's services by hour"],
  busiest: ['今日服务最多', 'Busiest today'],
  shares: ['到站人群构成', 'Visits by worker group'],
  ticker: ['最新服务', 'Latest services'],
  page: ['页', 'Page'],
  notLive: ['以下数字不是实时数据', 'the numbers below are not live'],
  syncOnline: ['在线，已全部上传', 'Online, all sent'],
  syncSending: ['正在上传', 'Sending'],
  syncOffline: ['离线', 'Offline,'],
  syncWaiting: ['条待上传', 'waiting'],
  quantity: ['人数/份数', 'Quantity'],
  workerGroup: ['服务对象（到站休息，可选）', 'Worker group (visits, optional)'],
  attendant: ['值班员（可选）', 'Attendant (optional)'],
  todayTaps: ['本机今日记录', "Today's taps on this tablet"],
  // The tablet's plain words: what was recorded, how its taps stand, and opening the station.
  recorded: ['已记录', 'recorded'],
  tapHint: ['点一下服务按钮即登记一次，登记后在这里显示', 'Tap a service to record it; what was recorded shows here'],
  syncSendingN: ['正在上传 {n} 条…', 'Sending {n}…'],
  syncOfflineN: ['离线：{n} 条待上传，联网后会自动上传', 'Offline: {n} waiting, sent by itself when back online'],
  repairN: ['此平板需要重新配对，已记录的 {n} 条会在配对后发送', 'This tablet must be paired again; the {n} taps recorded will be sent after pairing'],
  repairNone: ['此平板需要重新配对', 'This tablet must be paired again'],
  repairHow: ['请向管理员索取新的配对码（服务器重启或平板被撤销后需要重新配对）。', 'Ask your administrator for a new pairing code (needed after the server restarts or the tablet is revoked).'],
  refusedN: ['{n} 条记录被服务器拒绝，未计入统计', '{n} taps were refused by the server and not counted'],
  refusedHow: ['如确实提供了该服务，请重新点击登记；多次出现请联系管理员。', 'If the service was given, tap it again; if this keeps happening, call your administrator.'],
  understood: ['知道了', 'Understood'],
  pairFor: ['驿站：', 'Station: '],
  openStation: ['开站', 'Open station'],
  closeStation: ['闭站', 'Close station'],
  confirmClose: ['确认闭站？', 'Confirm close?'],
  statusOpen: ['开放中', 'Open'],
  statusOpenSilent: ['开放中，久无登记', 'Open, nothing logged lately'],
  statusLate: ['应开未开', 'Late: should be open'],
  statusUnreachable: ['开放中，连接中断', 'Open, not heard from'],
  statusClosed: ['已闭站', 'Closed'],
  statusUnknown: ['开闭状态未知', 'Open or closed: unknown'],
  since: ['自', 'since'],
  askOpen: ['驿站还没有开站。现在开站吗？', 'The station is not open yet. Open it now?'],
  askOpenYes: ['开站并登记', 'Open and record'],
  askOpenNo: ['只登记', 'Just record'],
  openingFailed: ['开站/闭站未成功，请联网后再试', 'Opening or closing failed; try again when online'],
  noTaps: ['今日还没有记录', 'No taps yet today'],
  tapWaiting: ['待上传', 'Waiting'],
  undoWaiting: ['撤销待上传', 'Undo waiting'],
  refused: ['被拒绝', 'Refused'],
  confirmUndo: ['确认撤销？', 'Confirm undo?'],
  scan: ['扫描二维码', 'Scan QR code'],
  noCamera: ['无法使用摄像头', 'No camera'],
} satisfies Record<string, [string, string]>;

export type TextKey = keyof typeof texts;

export function lang(): Lang {
  return localStorage.getItem('stationnet.lang') === 'en' ? 'en' : 'zh';
}

export function t(key: TextKey): string {
  return texts[key][lang() === 'zh' ? 0 : 1];
}

/** A catalog entry's name in the current language. */
export function named(item: { name: string; nameEn: string } | undefined, fallback: string): string {
  if (!item) return fallback;
  return lang() === 'zh' ? item.name : item.nameEn;
}

/** A button that switches the language and re-renders through the given callback. */
export function langButton(onChange: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = 'lang';
  b.textContent = t('switchLang');
  b.addEventListener('click', () => {
    localStorage.setItem('stationnet.lang', lang() === 'zh' ? 'en' : 'zh');
    document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
    b.textContent = t('switchLang');
    onChange();
    // Parts that are not re-rendered by their page (the sign-in form) follow the switch through this event.
    document.dispatchEvent(new Event('stationnet:lang'));
  });
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  return b;
}

/** hh:mm of an instant, in the network's time zone when one is given (a wall may hang in another zone). */
export function time(iso: string | null, timeZone?: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(lang() === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
}
