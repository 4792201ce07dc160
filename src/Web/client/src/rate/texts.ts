// The rating page's words, Chinese first; the language switch is the one every page shares.
import { lang } from '../lib/i18n';

const texts = {
  title: ['为驿站打分', 'Rate this station'],
  sub: ['匿名评价 · 不收集个人信息', 'Anonymous · nothing about you is kept'],
  stars: ['您对这个驿站满意吗？', 'How was this station?'],
  star: ['星', 'stars'],
  starWords: ['很不满意|不满意|一般|满意|非常满意', 'Very poor|Poor|OK|Good|Very good'],
  tags: ['选择标签（可多选）', 'Pick what fits (any)'],
  comment: ['留言（选填）', 'Comment (optional)'],
  placeholder: ['想对驿站说的话', 'Anything to tell the station'],
  send: ['提交评价', 'Send'],
  sending: ['正在提交…', 'Sending…'],
  pickStars: ['请先点选星级', 'Tap the stars first'],
  thanks: ['谢谢您的评价！', 'Thank you for your rating!'],
  thanksMore: ['工会会认真查看每一条评价。', 'The union reads every rating.'],
  already: ['今天已经评价过这个驿站了，谢谢！', 'You have already rated this station today. Thank you!'],
  offline: ['没有网络连接。评价还在本页，联网后请再点“提交评价”。', 'No connection. Your rating is still here; tap Send again when you are back online.'],
  busy: ['现在评价的人太多，请稍后再试。', 'Too many ratings right now; please try again in a minute.'],
  failed: ['提交失败，请稍后再试。', 'Could not send; please try again later.'],
  notFound: ['没有这个驿站，请重新扫描驿站里的二维码。', 'No such station; scan the code at the station again.'],
  notFoundTitle: ['找不到这个驿站', 'Station not found'],
  privacy: ['匿名评价：不记录姓名、电话、位置或网络地址。', 'Anonymous: no name, phone, location or network address is kept.'],
} satisfies Record<string, [string, string]>;

export function rt(key: keyof typeof texts): string {
  return texts[key][lang() === 'zh' ? 0 : 1];
}

