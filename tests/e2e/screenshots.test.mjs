// Issue 6, test 7: the screenshot script works (every page, two of the four language/theme
// combinations here to keep the suite short; `make screenshots` takes all four): each file is a
// 1280x800 PNG, and no page shows a raw message key or, in German, an untranslated English text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMBOS, takeScreenshots } from './screenshots.mjs';

function pngSize(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('ascii'), 'PNG', `${file} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bytes: b.length };
}

test('screenshots of every page in English/light and German/dark', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-shots-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const combos = COMBOS.filter((c) => (c.lang === 'en' && c.theme === 'light') || (c.lang === 'de' && c.theme === 'dark'));
  const { files, problems } = await takeScreenshots(dir, { combos });
  const names = files.map((f) => path.basename(f)).sort();
  const expected = [];
  for (const c of combos) {
    for (const p of ['signin', 'dashboard', 'planner', 'settings', 'lobby', 'room', 'room-paused']) expected.push(`${p}-${c.lang}-${c.theme}.png`);
  }
  assert.deepEqual(names, expected.sort());
  for (const f of files) {
    const size = pngSize(f);
    assert.deepEqual([size.width, size.height], [1280, 800], `${path.basename(f)} is 1280x800`);
    assert.ok(size.bytes > 10_000, `${path.basename(f)} is not blank (${size.bytes} bytes)`);
  }
  assert.deepEqual(problems, [], 'text problems on the pages');
});
