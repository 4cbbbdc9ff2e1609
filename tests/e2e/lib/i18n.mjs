// Text checks for screenshots: message keys shown raw, and English sentences on a German page
// (untranslated strings). The dictionaries are read from web/src/i18n/messages/*.ts (each file
// exports `<area>En` and `<area>De` objects of 'key': 'text' entries).
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_DIR } from './server.mjs';

const ENTRY = /'([A-Za-z0-9_.-]+)'\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`)/gs;

function entries(text) {
  const out = new Map();
  for (const m of text.matchAll(ENTRY)) out.set(m[1], (m[2] ?? m[3] ?? m[4]).replace(/\\(.)/g, '$1'));
  return out;
}

/** {en: Map key→text, de: Map key→text} from every area file. */
export function loadMessages(sourceDir = SOURCE_DIR) {
  const dir = path.join(sourceDir, 'web', 'src', 'i18n', 'messages');
  const en = new Map();
  const de = new Map();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const deStart = text.search(/export const \w+De\b/);
    const enStart = text.search(/export const \w+En\b/);
    if (enStart < 0 || deStart < 0) continue;
    const enPart = enStart < deStart ? text.slice(enStart, deStart) : text.slice(enStart);
    const dePart = deStart < enStart ? text.slice(deStart, enStart) : text.slice(deStart);
    for (const [k, v] of entries(enPart)) en.set(k, v);
    for (const [k, v] of entries(dePart)) de.set(k, v);
  }
  return { en, de };
}

/** Problems in a page's visible text: raw message keys, and (for German) English texts that have
 *  a different German translation. Texts with placeholders are matched up to the first one. */
export function textProblems(visibleText, lang, messages) {
  const problems = [];
  for (const key of messages.en.keys()) {
    if (key.includes('.') && new RegExp(`(^|\\s)${key.replace(/\./g, '\\.')}(\\s|$)`).test(visibleText)) problems.push(`raw key ${key}`);
  }
  if (lang === 'de') {
    const german = new Set(messages.de.values());
    for (const [key, text] of messages.en) {
      const fixed = text.split('{')[0].trim();
      if (fixed.length < 12 || german.has(text) || messages.de.get(key) === text) continue;
      if (visibleText.includes(fixed)) problems.push(`English on a German page: "${fixed}" (${key})`);
    }
  }
  return problems;
}
