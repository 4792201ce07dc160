import { lang } from '../lib/i18n';

// The front door's words, Chinese first, English second.

const texts = {
  title: ['工会驿站服务，实时统计', 'Worker service stations, counted live'],
  what: [
    'StationNet 是市总工会驿站网络的服务登记与统计系统。环卫工人、快递员、外卖骑手、司机等户外劳动者在驿站歇脚、喝水、热饭、充电、淋浴，值班员每服务一次就在平板上点一下；服务中心的大屏实时显示全网各站的数字；管理人员随时查询每天、每站、每项服务的人次。',
    'StationNet counts the services a city trade union\'s worker stations (工会驿站) give to outdoor workers — sanitation crews, couriers, delivery riders, drivers — who stop to rest, drink, heat a meal, charge a phone or take a shower. An attendant taps a tablet once per service; the service centre\'s wall shows every station live; managers see each day\'s counts per station and service.',
  ],
  privacy: [
    '只记服务人次，不记录被服务者的姓名、电话、照片或证件。',
    'Counts only: no names, phones, photos or ids of the people served.',
  ],
  findNow: ['找附近开放的驿站', 'Find an open station near you'],
  forWhom: ['谁来用', 'Who uses it'],
  workerWho: ['户外劳动者', 'Outdoor workers'],
  workerWhat: ['在手机上找最近、正在开放的驿站，看有哪些服务；扫驿站里的二维码匿名评价。', 'Find the nearest station open now and what it offers, on a phone; rate a station anonymously by the QR code on its wall.'],
  workerLink: ['找驿站', 'Find a station'],
  tabletWho: ['驿站值班员', 'Station attendants'],
  tabletWhat: ['每次服务在平板上点一下；网络断了也不丢，恢复后自动上传。', 'One tap per service on the station tablet; nothing is lost when the link drops.'],
  tabletLink: ['平板配对', 'Pair a tablet'],
  wallWho: ['服务中心', 'The service centre'],
  wallWhat: ['墙上大屏实时显示全网和各站今日、本月、本年的服务数字。', 'A wall screen shows today\'s, the month\'s and the year\'s numbers of every station, live.'],
  wallLink: ['打开示例大屏', 'Open the sample wall'],
  wallNeedsLink: ['大屏凭管理员发放的大屏链接打开，或登录后打开。', 'A wall opens with a screen link from an administrator, or after signing in.'],
  manageWho: ['管理人员', 'Managers'],
  manageWhat: ['按日、按站、按服务查询，与去年同期对比，看趋势，导出考核报表。', 'Counts by day, station and service, the same days last year, trends, and exports for the annual assessment.'],
  manageLink: ['统计报表', 'Reports'],
  adminWho: ['系统管理员', 'Administrators'],
  adminWhat: ['维护驿站和服务，配对或吊销平板，发放大屏链接，管理账号和年度目标。', 'Stations and services, pairing and revoking tablets, wall screen links, accounts and yearly targets.'],
  adminLink: ['系统管理', 'Administration'],
  signInPrompt: ['管理人员和管理员请登录：', 'Managers and administrators:'],
  signInLink: ['登录', 'Sign in'],
  signedInAs: ['已登录：', 'Signed in as '],
  networks: ['驿站网络', 'Station networks'],
  tablets: ['各站登记平板', 'Station tablets'],
} satisfies Record<string, [string, string]>;

export type HomeText = keyof typeof texts;

export function h(key: HomeText): string {
  return texts[key][lang() === 'zh' ? 0 : 1];
}
