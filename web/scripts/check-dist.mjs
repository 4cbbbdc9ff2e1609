#!/usr/bin/env node
// Post-build check: dist/ must work under the server's strict CSP
// (script-src 'self'; style-src 'self'; no eval) and use hashed asset names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const problems = [];

const html = readFileSync(join(dist, 'index.html'), 'utf8');
for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  const [, attrs = '', body = ''] = match;
  if (!/\bsrc\s*=/.test(attrs) || body.trim() !== '') problems.push(`inline <script> in index.html: ${match[0].slice(0, 80)}`);
}
if (/<style\b/i.test(html)) problems.push('inline <style> block in index.html');
if (/\sstyle\s*=/i.test(html)) problems.push('style="" attribute in index.html');
if (/\son[a-z]+\s*=/i.test(html)) problems.push('inline event handler attribute in index.html');
if (/(src|href)\s*=\s*["']\s*(https?:)?\/\//i.test(html)) problems.push('external (non-self) URL in index.html');

const assets = readdirSync(join(dist, 'assets'));
if (!assets.some((f) => f.endsWith('.js'))) problems.push('no JS bundle in dist/assets');
for (const file of assets) {
  if (!/-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(file)) problems.push(`asset without content hash: assets/${file}`);
  if (file.endsWith('.js')) {
    const js = readFileSync(join(dist, 'assets', file), 'utf8');
    if (/\beval\s*\(/.test(js)) problems.push(`eval( in assets/${file}`);
    if (/\bnew Function\s*\(/.test(js)) problems.push(`new Function( in assets/${file}`);
  }
}

if (problems.length > 0) {
  console.error('dist/ check failed:\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log(`dist/ check ok: index.html is CSP-clean, ${assets.length} hashed assets`);
