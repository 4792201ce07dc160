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
  openStationsNow: ['开放中的驿站', 'Stations open now'],
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
  wallToday: ['今日服务人次', 'Served today'],
  wallMonth: ['本月累计', 'This month'],
  wallYear: ['本年累计', 'This year'],
  wallOpenNow: ['开放中', 'Open now'],
  wallStations: ['个驿站', 'stations'],
  vsLastWeek: ['较上周同期', 'vs last week, same time'],
  vsLastYear: ['较去年同期', 'vs last year, same period'],
  noLastWeek: ['上周同期无记录', 'none last week, same time'],
  noLastYear: ['去年同期无记录', 'none last year, same period'],
  flat: ['持平', 'level'],
  statusOpen: ['开放', 'Open'],
  statusSilent: ['开放·无记录', 'Open · silent'],
  statusLate: ['未按时开站', 'Late'],
  statusUnreachable: ['失联', 'Unreachable'],
  statusClosed: ['闭站', 'Closed'],
  statusUnknown: ['状态未知', 'Unknown'],
  mapTitle: ['驿站分布', 'Where the stations are'],
  // The province wall: a tile per city network, and the province's totals.
  provinceCities: ['下级网络 · 今日', 'Networks beneath · today'],
  provinceMap: ['全部驿站分布', 'Every station beneath'],
  networksN: ['{n} 个驿站网络', '{n} networks'],
  // A province's batches carry each city's sums, not each station's state: its map shows where, the city walls show how.
  stationPlace: ['驿站位置（状态见各城市大屏）', 'Station (status on each city wall)'],
  cityOpen: ['开放', 'open'],
  cityBusiest: ['最多', 'Most'],
  cityNothing: ['今日暂无服务', 'Nothing yet today'],
  sampleMark: ['示例', 'Sample'],
  recentlyServed: ['刚有服务的驿站', 'served just now'],
  parentNetwork: ['上级网络', 'Parent network'],
  topLevel: ['（无，顶级网络）', '(none: top level)'],
  networkTree: ['网络层级', 'Network tree'],
  moveNetwork: ['移动', 'Move'],
  accountScope: ['所辖网络', 'Scope'],
  everyNetwork: ['全部网络', 'Every network'],
  noLocation: ['个驿站未设位置', 'without a location'],
  hourlyVsYesterday: ['今日分时（柱）· 昨日（虚线）', 'Today by hour (bars) · yesterday (dashed)'],
  lastDays: ['近 30 天每日服务人次', 'Last 30 days, served per day'],
  townships: ['街道排行 · 今日', 'Townships today'],
  linkRevoked: ['此大屏链接已失效，请联系管理员获取新链接', 'This wall link is no longer valid; ask an administrator for a new link'],
  demoData: ['演示数据 · 不保存', 'Demo data, not kept'],
  notLive: ['以下数字不是实时数据', 'the numbers below are not live'],
  syncOnline: ['在线，已全部上传', 'Online, all sent'],
  quantity: ['人数/份数', 'Quantity'],
  workerGroup: ['服务对象（到站休息，可选）', 'Worker group (visits, optional)'],
  attendant: ['值班员（可选）', 'Attendant (optional)'],
  todayTaps: ['本机今日记录', "Today's taps on this tablet"],
  // The tablet's plain words: what was recorded, how its taps stand, and opening the station.
  recorded: ['已记录', 'recorded'],
  tapHint: ['点一下服务按钮即登记一次，登记后在这里显示', 'Tap a service to record it; what was recorded shows here'],
  syncSendingN: ['正在上传 {n} 条…', 'Sending {n}…'],
  syncOfflineN: ['离线：{n} 条待上传，联网后会自动上传', 'Offline: {n} waiting, sent by itself when back online'],
  repairN: ['此平板需要重新配对，已记录的 {n} 条会在配对后发送', 'This tablet must be paired again; the {n} records kept will be sent after pairing'],
  repair1: ['此平板需要重新配对，已记录的 1 条会在配对后发送', 'This tablet must be paired again; the 1 record kept will be sent after pairing'],
  repairNone: ['此平板需要重新配对', 'This tablet must be paired again'],
  repairHow: ['请向管理员索取新的配对码（服务器重启或平板被撤销后需要重新配对）。', 'Ask your administrator for a new pairing code (needed after the server restarts or the tablet is revoked).'],
  refusedN: ['{n} 条记录被服务器拒绝，未计入统计', '{n} taps were refused by the server and not counted'],
  refused1: ['1 条记录被服务器拒绝，未计入统计', '1 tap was refused by the server and not counted'],
  refusedHow: ['如确实提供了该服务，请重新点击登记；多次出现请联系管理员。', 'If the service was given, tap it again; if this keeps happening, call your administrator.'],
  understood: ['知道了', 'Understood'],
  pairFor: ['驿站：', 'Station: '],
  openStation: ['开站', 'Open station'],
  closeStation: ['闭站', 'Close station'],
  confirmClose: ['确认闭站？', 'Confirm close?'],
  openingOpen: ['开放中', 'Open'],
  openingOpenSilent: ['开放中，久无登记', 'Open, nothing logged lately'],
  openingLate: ['应开未开', 'Late: should be open'],
  openingUnreachable: ['开放中，连接中断', 'Open, not heard from'],
  openingClosed: ['已闭站', 'Closed'],
  openingUnknown: ['开闭状态未知', 'Open or closed: unknown'],
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
  // The tablet's supplies screen: deliveries, counts, discards.
  supplies: ['物资', 'Supplies'],
  backToTaps: ['返回登记', 'Back to taps'],
  suppliesTitle: ['物资库存', 'Supplies in stock'],
  supplyReceive: ['收货', 'Receive'],
  supplyCount: ['盘点', 'Count'],
  supplyDiscard: ['报废', 'Discard'],
  supplyItem: ['物资', 'Item'],
  supplyQuantity: ['数量', 'Quantity'],
  supplyCounted: ['现有数量（盘点结果）', 'Quantity counted'],
  supplyExpiresOn: ['有效期至', 'Expires on'],
  supplyRecord: ['记录', 'Record'],
  supplyOnHand: ['现有', 'On hand'],
  supplyLow: ['库存不足', 'Low stock'],
  supplyNegative: ['库存为负：发放或报废多于登记的库存，请盘点', 'Below zero: more handed out or discarded than recorded; please count'],
  supplyCountedTo: ['盘点为 {n}', 'counted: {n}'],
  supplyUndoWaiting: ['撤销待上传', 'undo waiting to send'],
  supplyUndone: ['已撤销', 'undone'],
  supplyOverDiscard: ['要报废 {q}，但登记的库存只有 {n}。确定全部报废吗？', 'You are discarding {q}, but only {n} are on hand. Discard all {q}?'],
  supplyOverReceive: ['要收货 {q}，远多于现有的 {n}。数量确定没有输错吗？', 'You are receiving {q}, far more than the {n} on hand. Is the number right?'],
  supplyOverCount: ['盘点结果 {q}，远多于登记的 {n}。数量确定没有输错吗？', 'You counted {q}, far more than the {n} recorded. Is the number right?'],
  supplyConfirmDiscard: ['确认报废', 'Yes, discard'],
  supplyConfirmRecord: ['确认记录', 'Yes, record'],
  supplyChangeQuantity: ['改数量', 'Change the number'],
  supplyExpiring: ['{n} 到期', 'expire {n}'],
  supplyExpiredN: ['已过期 {n}', '{n} expired'],
  supplyNone: ['尚未设置物资目录，请联系管理员', 'No supply catalog yet; ask your administrator'],
  supplyWaiting: ['待上传', 'waiting to send'],
  supplyRecorded: ['已记录', 'recorded'],
  supplyRefused: ['被拒绝', 'refused'],
  supplyChoose: ['请选择操作和物资，并填写数量', 'Choose what to do and the item, and enter the quantity'],
  supplyNeedExpiry: ['请填写有效期', 'Enter the expiry date'],
  supplyStockUnknown: ['库存数字暂未取得（离线）', 'Stock not yet known (offline)'],
  supplyRecent: ['本机今日物资记录', "Today's supply records on this tablet"],
  supplyWarnings: ['物资提醒（库存不足 / 临期 / 过期）', 'Supplies to act on (low / expiring / expired)'],
  supplyAllGood: ['没有需要处理的物资', 'No supplies to act on'],
  suppliesReport: ['物资台账', 'Supplies report'],
  supplyOpening: ['期初', 'Opening'],
  supplyReceived: ['入库', 'Received'],
  supplyHandedOut: ['发放', 'Handed out'],
  supplyDiscarded: ['报废', 'Discarded'],
  supplyAdjusted: ['盘点调整', 'Count adjustment'],
  supplyClosing: ['期末', 'Closing'],
  supplyWallTitle: ['物资提醒', 'supplies to act on'],
  // The managers' page (/manage): charts, ranges, exports, messages.
  rangeInvalid: ['请输入有效的开始和结束日期', 'Enter a valid start and end date'],
  rangeOrder: ['开始日期不能晚于结束日期', 'The start date must not be after the end date'],
  rangeTooLong: ['日期范围最多 366 天', 'A range covers at most 366 days'],
  loadFailed: ['加载失败', 'Could not load'],
  serverUnreachable: ['无法连接服务器，请检查网络后重试', 'the server cannot be reached; check the connection and try again'],
  changeNew: ['新增', 'new'],
  summaryTitle: ['服务统计', 'Service counts'],
  rankingToday: ['今日驿站排行', 'Stations today'],
  rankingNetworksToday: ['今日下级网络排行', 'Networks beneath today'],
  ranking: ['驿站服务排行', 'Stations by services given'],
  serviceShares: ['服务构成', 'Services given'],
  trendDaily: ['每日趋势', 'By day'],
  thisRange: ['本期', 'This range'],
  byHour: ['分时服务', 'By hour'],
  stationHours: ['驿站 × 时段（服务次数）', 'Stations by hour of day (services)'],
  services: ['服务次数', 'Services'],
  targetProgress: ['目标完成率', 'Progress against targets'],
  yearElapsed: ['全年已过', 'Year elapsed'],
  complianceMap: ['驿站 × 时段（无记录天数）', 'Stations by hour of day (days with nothing logged)'],
  silentDaysAt: ['无记录天数', 'Days with nothing logged'],
  noRecords: ['所选范围内没有服务记录', 'No services recorded in this range'],
  noneToday: ['今日尚无服务记录', 'No services recorded yet today'],
  compare: ['对比去年同期', 'Compare with last year'],
  item: ['指标', 'Item'],
  loading: ['正在加载…', 'Loading…'],
  count: ['数量', 'Count'],
  // The administrators' page (/admin).
  edit: ['编辑', 'Edit'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  added: ['已添加', 'Added'],
  retire: ['停用', 'Retire'],
  retired: ['已停用', 'Retired'],
  confirmRetire: ['确认停用该驿站？', 'Retire this station?'],
  inUse: ['在用', 'Active'],
  pairingCode: ['配对码', 'Pairing code'],
  validUntil: ['有效至', 'Valid until'],
  stationId: ['编号', 'ID'],
  stationIdHint: ['驿站编号（小写字母、数字、-）', 'Station ID (lowercase letters, digits, -)'],
  stationName: ['名称', 'Name'],
  township: ['街道', 'Township'],
  hours: ['开放时间', 'Hours'],
  opens: ['开门', 'Opens'],
  closes: ['关门', 'Closes'],
  seats: ['座位', 'Seats'],
  latitude: ['纬度', 'Latitude'],
  longitude: ['经度', 'Longitude'],
  status: ['状态', 'Status'],
  addStation: ['添加驿站', 'Add station'],
  addStationTitle: ['添加驿站', 'Add a station'],
  catalog: ['服务目录', 'Service catalog'],
  nameZh: ['中文名称', 'Chinese name'],
  nameEn: ['英文名称', 'English name'],
  saveCatalog: ['保存目录', 'Save catalog'],
  targetsHow: ['每个驿站每项服务一年的目标人次；留空即不设目标。统计报表页显示完成进度。', 'Each station\'s target count for the year, per service; empty sets none. The reports page shows the progress.'],
  targetYear: ['年份', 'Year'],
  saveTargets: ['保存目标', 'Save targets'],
  nothingChanged: ['没有改动', 'Nothing changed'],
  badTarget: ['目标须为 0 到 10,000,000 之间的整数', 'A target is a whole number from 0 to 10,000,000'],
  noOwnStations: ['该网络没有自己的驿站：请在其下各城市网络中设定目标', 'This network has no stations of its own: set targets in each city beneath it'],
  notOffered: ['不提供', 'not offered'],
  discardTargets: ['有未保存的目标，确定放弃吗？', 'Targets typed here are not saved. Discard them?'],
  tablets: ['平板', 'Tablets'],
  lastContact: ['最近联系', 'Last contact'],
  revoked: ['已吊销', 'Revoked'],
  valid: ['有效', 'Active'],
  rename: ['改名', 'Rename'],
  renamed: ['已改名', 'Renamed'],
  newName: ['新名称', 'New name'],
  revoke: ['吊销', 'Revoke'],
  confirmRevoke: ['确认吊销？', 'Revoke it?'],
  screenLinks: ['大屏链接', 'Screen links'],
  screenName: ['大屏名称', 'Screen name'],
  created: ['创建时间', 'Created'],
  newScreenLink: ['新建大屏链接', 'New screen link'],
  shownOnce: ['链接只显示这一次：', 'Shown only once: '],
  accounts: ['账户', 'Accounts'],
  displayName: ['显示名', 'Display name'],
  role: ['角色', 'Role'],
  roleManager: ['统计人员', 'Manager'],
  roleAdmin: ['系统管理员', 'Administrator'],
  disabled: ['已停用', 'Disabled'],
  enable: ['启用', 'Enable'],
  disable: ['停用', 'Disable'],
  resetPassword: ['重设密码', 'Reset password'],
  newPassword: ['新密码（至少 10 位）', 'New password (10+ characters)'],
  addAccount: ['添加账户', 'Add account'],
  networkId: ['网络编号', 'Network ID'],
  networkName: ['网络名称', 'Network name'],
  networkNameEn: ['英文名称', 'Name in English'],
  timeZone: ['时区', 'Time zone'],
  addNetwork: ['新建网络', 'Add network'],
  networkLabel: ['驿站网络', 'Network'],
} satisfies Record<string, [string, string]>;

export type TextKey = keyof typeof texts;

let fixed: Lang | null = null;

/** A page whose language comes from its link (the wall's ?lang=en) fixes it here, over the device's choice. */
export function useLang(l: Lang): void {
  fixed = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}

export function lang(): Lang {
  if (fixed) return fixed;
  return localStorage.getItem('stationnet.lang') === 'en' ? 'en' : 'zh';
}

export function t(key: TextKey): string {
  return texts[key][lang() === 'zh' ? 0 : 1];
}

/**
 * A name the server made up when none was given (a paired tablet's "Tablet 1a2b3c", the first administrator's
 * "Administrator"), in the page's language; a name a person gave is shown as it is.
 */
export function givenName(name: string): string {
  if (lang() !== 'zh') return name;
  if (name === 'Administrator') return '系统管理员';
  const tablet = /^Tablet ([0-9a-f]{6})$/.exec(name);
  return tablet ? `平板 ${tablet[1]}` : name;
}

/** A text with a count in it: a key ending in N has its singular in the same key ending in 1, where English needs one. */
export function counted(key: TextKey, n: number): string {
  const one = key.replace(/N$/, '1');
  return n === 1 && one in texts ? t(one as TextKey) : t(key).replace('{n}', String(n));
}

/** A supply item's unit in the current language (the Chinese one when it has no English one). */
export function unitOf(item: { unit: string; unitEn?: string | null }): string {
  return lang() === 'en' && item.unitEn ? item.unitEn : item.unit;
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

/** A count's hour of day as the page labels it: 8时 or 8:00. */
export function hourLabel(hour: number): string {
  return lang() === 'zh' ? `${hour}时` : `${hour}:00`;
}

/** A problem's detail in the current language: the server writes "English (中文)". */
export function detailIn(detail: string): string {
  const m = /^(.*?)\s*[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$/.exec(detail);
  if (!m) return detail;
  return lang() === 'zh' ? m[2] : m[1];
}
