// The header's "API key" control: a small form to enter, replace or forget the key (the forget button
// shows only while a key is kept). Saving or forgetting reloads the page, so every card asks again
// with the key, or without it.
import { apiKey, setApiKey } from './api-key.js';
import { $, el } from './dom.js';
import { t } from './i18n.js';

function keyForm() {
  const input = el('input');
  input.id = 'api-key';
  input.type = 'password';
  input.autocomplete = 'off';
  input.placeholder = 'kb_…';
  const save = el('button', t('auth.save'));
  const form = el('form', null, 'key-form', el('label', null, null, el('span', `${t('auth.label')} `), input), save);
  if (apiKey()) form.append(forgetButton());
  form.append(el('p', apiKey() ? t('auth.isSet') : t('auth.hint'), 'muted'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setApiKey(input.value);
    location.reload();
  });
  return form;
}

function forgetButton() {
  const forget = el('button', t('auth.forget'));
  forget.type = 'button';
  forget.id = 'forget-key';
  forget.addEventListener('click', () => {
    setApiKey('');
    location.reload();
  });
  return forget;
}

/** Shows the form in `#key-panel` (open when `open`, else toggled by the header button). */
export function showKeyPanel(open) {
  const panel = $('key-panel');
  if (!panel.firstChild) panel.append(keyForm());
  panel.hidden = open ? false : !panel.hidden;
  if (!panel.hidden) $('api-key').focus();
}

/** Wires the header button; call once per page. */
export function initKeyButton() {
  $('key-button').addEventListener('click', () => showKeyPanel(false));
}
