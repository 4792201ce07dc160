import { newId } from '../lib/api';
import { el } from '../lib/dom';
import { detailIn, lang } from '../lib/i18n';
import { pageHeader, routeId } from '../lib/page';
import { tagName, tagNames } from '../lib/tags';
import { rt } from './texts';
import './rate.css';

// The workers' rating page, opened from the QR code on a station's poster: no sign-in, nothing about the person.
// The browser keeps one random id of its own; the server hashes it with the station and the day and keeps only that.

const MaxComment = 200;
const app = document.getElementById('app')!;
const stationId = routeId('/rate/');
let stationName = '';
let stars = 0;
const chosen = new Set<string>();
let comment = '';
let state: 'form' | 'sending' | 'done' | 'already' = 'form';
let message = '';
/** The server knows no such station: nothing to rate, so no form. */
let missing = false;
// One id per rating, kept until the server has it: a resend after a lost answer is a duplicate, never a second rating.
let ratingId = newId();

function device(): string {
  const key = 'stationnet.rate.device';
  let id = localStorage.getItem(key);
  if (!id) {
    id = newId();
    localStorage.setItem(key, id);
  }
  return id;
}

const body = el('main', { class: 'rate' });

function starRow(): HTMLElement {
  const words = rt('starWords').split('|');
  const row = el('div', { class: 'stars', role: 'radiogroup', 'aria-label': rt('stars') });
  for (let n = 1; n <= 5; n++) {
    const b = el('button', { type: 'button', class: `star${n <= stars ? ' on' : ''}`, role: 'radio', 'aria-checked': String(n === stars),
      'aria-label': `${n} ${rt('star')} · ${words[n - 1]}`, 'data-stars': String(n) }, '★');
    b.addEventListener('click', () => { stars = n; message = ''; render(); });
    row.append(b);
  }
  return row;
}

function tagChips(): HTMLElement {
  const list = el('div', { class: 'tags' });
  for (const id of Object.keys(tagNames)) {
    const b = el('button', { type: 'button', class: `tag${chosen.has(id) ? ' on' : ''}`, 'aria-pressed': String(chosen.has(id)), 'data-tag': id }, tagName(id));
    b.addEventListener('click', () => { if (chosen.has(id)) chosen.delete(id); else chosen.add(id); render(); });
    list.append(b);
  }
  return list;
}

function commentBox(): HTMLElement {
  const box = el('textarea', { id: 'comment', maxlength: String(MaxComment), rows: '3', placeholder: rt('placeholder') });
  box.value = comment;
  const counter = el('span', { class: 'counter', id: 'counter', 'aria-live': 'polite' }, `${comment.length}/${MaxComment}`);
  box.addEventListener('input', () => {
    comment = box.value;
    counter.textContent = `${comment.length}/${MaxComment}`;
  });
  return el('label', { class: 'comment' }, el('span', {}, rt('comment')), box, counter);
}

async function send(): Promise<void> {
  if (!stars) {
    message = rt('pickStars');
    render();
    return;
  }
  state = 'sending';
  message = '';
  render();
  try {
    const res = await fetch(`/api/public/stations/${encodeURIComponent(stationId)}/feedback`, {
      method: 'POST',
      // Never the manager's cookie, if one is signed in on this phone: the rating is nobody's.
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ id: ratingId, device: device(), rating: stars, tags: [...chosen], comment: comment.trim() || null }),
    });
    if (res.ok) {
      state = 'done';
    } else if (res.status === 409) {
      const problem = (await res.json().catch(() => ({}))) as { detail?: string };
      state = 'already';
      // A changed resend of the same id is a conflict too: the next try gets a fresh id.
      if (!problem.detail?.includes('today')) message = detailIn(problem.detail ?? '');
      ratingId = newId();
    } else {
      state = 'form';
      const problem = (await res.json().catch(() => ({}))) as { detail?: string };
      missing = res.status === 404;
      message = res.status === 429 ? rt('busy') : problem.detail ? detailIn(problem.detail) : rt('failed');
    }
  } catch {
    state = 'form';
    message = rt('offline');
  }
  render();
}

function render(): void {
  document.title = stationName ? `${rt('title')} · ${stationName}` : rt('title');
  if (missing) {
    body.replaceChildren(el('section', { class: 'not-found', id: 'not-found', role: 'alert' },
      el('h2', {}, rt('notFoundTitle')), el('p', {}, rt('notFound'))));
    return;
  }
  const name = el('h2', { class: 'station-name', id: 'station-name' }, stationName || stationId);
  if (state === 'done' || state === 'already') {
    body.replaceChildren(name, el('section', { class: 'thanks', id: 'thanks', role: 'status' },
      el('p', { class: 'big' }, state === 'done' ? rt('thanks') : rt('already')),
      el('p', {}, state === 'done' ? rt('thanksMore') : message)));
    return;
  }
  const sendButton = el('button', { type: 'button', class: 'send', id: 'send' }, state === 'sending' ? rt('sending') : rt('send'));
  if (state === 'sending') sendButton.setAttribute('disabled', '');
  sendButton.addEventListener('click', () => void send());
  body.replaceChildren(
    name,
    el('p', { class: 'ask' }, rt('stars')),
    starRow(),
    el('p', { class: 'ask' }, rt('tags')),
    tagChips(),
    commentBox(),
    el('p', { class: 'message', id: 'message', role: 'alert' }, message),
    sendButton,
    el('p', { class: 'privacy' }, rt('privacy')));
}

async function loadName(): Promise<void> {
  try {
    const res = await fetch(`/api/public/stations/${encodeURIComponent(stationId)}/name`, { headers: { Accept: 'application/json' } });
    if (res.status === 404) {
      missing = true;
    } else if (res.ok) {
      stationName = ((await res.json()) as { name: string }).name;
    }
  } catch {
    message = rt('offline');
  }
  render();
}

app.replaceChildren(pageHeader(() => rt('title'), () => rt('sub'), render), body);
document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
render();
void loadName();
