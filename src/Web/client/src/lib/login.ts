import { api, ApiError } from './api';
import { el } from './dom';
import { t } from './i18n';

/** A sign-in form for managers and administrators; calls back once signed in. */
export function loginForm(onSignedIn: () => void, reason?: string): HTMLElement {
  const user = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: '' });
  const pass = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: '' });
  const submit = el('button', { type: 'submit', id: 'sign-in' }, t('signIn'));
  const message = el('p', { class: 'form-message', role: 'alert' }, reason ?? '');
  const form = el('form', { class: 'login' },
    el('h2', {}, t('signIn')),
    el('label', {}, t('username'), user),
    el('label', {}, t('password'), pass),
    submit, message);
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
