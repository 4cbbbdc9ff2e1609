#!/usr/bin/env node
// Prints the e2e tests' JSON reports (lib/report.mjs) as text: per test, per participant, the frames
// decoded from each remote participant and the audio received.
//   node tests/e2e/print-report.mjs DIR
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.log(`no e2e reports in ${dir ?? '(no directory given)'}`);
  process.exit(0);
}
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) console.log(`no e2e reports in ${dir}`);
for (const f of files) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  console.log(`== ${r.test}`);
  for (const [name, got] of Object.entries(r.received || {})) {
    const remotes = Object.entries(got.remotes || {});
    const parts = remotes.map(([label, v]) =>
      `${label}: ${v.framesDecoded ?? v.frames} frames${v.width ? ` (${v.width}x${v.height})` : ''}`);
    const audio = got.audio ? `; audio ${got.audio.packets} packets, energy ${got.audio.energy}` : '';
    console.log(`  ${name} <- ${parts.length ? parts.join(', ') : 'no remote video'}${audio}`);
  }
  for (const line of r.notes || []) console.log(`  ${line}`);
}
