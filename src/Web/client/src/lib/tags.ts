// The fixed tags of a worker's rating, by the ids the server knows (FeedbackCatalog), with their words.
import { lang } from './i18n';

export const tagNames: Record<string, [string, string]> = {
  clean: ['干净', 'Clean'],
  'on-time': ['准时开放', 'Open on time'],
  friendly: ['热情', 'Friendly'],
  stocked: ['物资齐全', 'Well stocked'],
  broken: ['设施损坏', 'Facilities broken'],
  'not-open': ['未开门', 'Not open'],
};

export function tagName(id: string): string {
  const n = tagNames[id];
  return n ? n[lang() === 'zh' ? 0 : 1] : id;
}
