import { api, ApiError } from './api';
import { el } from './dom';
import { lang, t } from './i18n';

// What a page behind the sign-in is, said above its form, so a visitor knows where they are.
const about = {
  manage: [
    '统计报表：各驿站每天各项服务的人次，任意日期范围的汇总与去年同期对比、趋势，以及年度考核的导出。供工会管理人员使用，请用管理账号登录。',
    "Reports: each station's daily counts per service, totals over any range of days beside the same days last year, trends, and exports for the annual assessment. For the union's managers: sign in with your account.",
  ],
  admin: [
    '系统管理：维护驿站和服务，配对或吊销驿站平板，发放大屏链接，管理账号和年度目标。仅限管理员登录。',
    'Administration: stations and services, pairing and revoking station tablets, wall screen links, accounts and yearly targets. Administrators only.',
  ],
} satisfies Record<string, [string, string]>;

/**
 * A sign-in form for managers and administrators; calls back once signed in. With `page`, a few lines
 * above it say what the page behind it is; they follow the language switch.
 */
export function loginForm(onSignedIn: () => void, reason?: string, page?: keyof typeof about): HTMLElement {
  const form = signInForm(onSignedIn, reason);
  if (!page) return form;
  const intro = el('p', { class: 'login-about', id: 'login-about' }, about[page][lang() === 'zh' ? 0 : 1]);
  document.addEventListener('stationnet:lang', () => { intro.textContent = about[page][lang() === 'zh' ? 0 : 1]; });
  return el('div', { class: 'login-page' }, intro, form);
}

function signInForm(onSignedIn: () => void, reason?: string): HTMLElement {
  const user = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: '' });
  const pass = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const submit = el('button', { type: 'submit', id: 'sign-in' }, t('signIn'));
  const message = el('p', { class: 'form-message', role: 'alert' }, reason ?? '');
  const heading = el('h2', {}, t('signIn'));
  const userLabel = el('span', {}, t('username'));
  const passLabel = el('span', {}, t('password'));
  const form = el('form', { class: 'login' },
    heading,
    el('label', {}, userLabel, user),
    el('label', {}, passLabel, pass),
    submit, message);
  document.addEventListener('stationnet:lang', () => {
    heading.textContent = submit.textContent = t('signIn');
    userLabel.textContent = t('username');
    passLabel.textContent = t('password');
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await api.login(user.value.trim(), pass.value);
      onSignedIn();
    } catch (err) {
      message.textContent = err instanceof ApiError ? err.message : String(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
