// The finder's words, Chinese first; the language switch is the one every page shares.
import { lang } from '../lib/i18n';

const texts = {
  title: ['附近的工会驿站', 'Worker stations near you'],
  sub: ['歇脚 · 喝水 · 热饭 · 充电', 'Rest · water · hot meals · charging'],
  locate: ['按离我远近排序', 'Sort by distance from me'],
  locating: ['正在获取位置…', 'Finding your position…'],
  located: ['开放中的在前，再按距离排序（位置只在本机使用）', 'Open ones first, then by distance (your position stays on this phone)'],
  noLocation: ['暂时无法获取位置，开放中的在前，按名称排序', 'Position not available right now; open ones first, then by name'],
  locationDenied: ['本页未获准使用位置：可在浏览器的网站设置中允许后再试。现在开放中的在前，按名称排序', "This page may not use your position: allow it in the browser's site settings and try again. For now, open ones first, then by name"],
  openOnly: ['只看开放中', 'Open now only'],
  allServices: ['全部服务', 'All services'],
  open: ['开放中', 'Open now'],
  openSilent: ['开放中', 'Open now'],
  late: ['未按时开放', 'Not open yet (late)'],
  unreachable: ['状态未知', 'Status unknown'],
  closed: ['未开放', 'Closed now'],
  allDay: ['24 小时开放', 'Open 24 hours'],
  hours: ['开放时间', 'Hours'],
  km: ['公里', 'km'],
  m: ['米', 'm'],
  amap: ['高德导航', 'Amap'],
  baidu: ['百度地图', 'Baidu Maps'],
  call: ['电话', 'Call'],
  noPlace: ['暂无位置信息', 'No map position yet'],
  none: ['没有符合条件的驿站', 'No station matches'],
  offline: ['离线：显示的是上次获取的信息，时间', 'Offline: showing what was fetched at'],
  failed: ['暂时无法获取驿站信息，请稍后再试', 'Stations cannot be fetched right now; try again later'],
  notFound: ['没有这个驿站网络', 'No such station network'],
  notFoundHow: ['请检查链接，或扫描驿站海报上的二维码。', 'Check the link, or scan the code on a station poster.'],
  sample: ['示例数据：以下驿站为演示用，并不存在', 'Sample data: these stations are for demonstration and do not exist'],
  count: ['个驿站', 'stations'],
  choose: ['请选择您所在的城市', 'Choose your city'],
  otherCity: ['换一个城市', 'Another city'],
  allCities: ['查看所有城市', 'See all cities'],
  asOf: ['截至 {t}：{s}', 'As of {t}: {s}'],
  showAll: ['显示全部驿站', 'Show all stations'],
  keptOnly: ['现在无法联网：以下是本机保存过的城市', 'No network now: these are the cities this phone has kept'],
  stationsN: ['{n} 个驿站', '{n}\u00a0stations'],
  sampleTag: ['示例', 'Sample'],
  sampleNetworks: ['标有“示例”的网络为演示用，其中的驿站并不存在', 'Networks marked Sample are for demonstration; their stations do not exist'],
  noNetworks: ['还没有开放的驿站网络', 'No station network is open yet'],
} satisfies Record<string, [string, string]>;

export function ft(key: keyof typeof texts): string {
  return texts[key][lang() === 'zh' ? 0 : 1];
}
