// Checks speedscope files written by Hotline, independently of Hotline's own code:
//  1. against the JSON schema of the file format, as shipped in speedscope's npm package;
//  2. against what speedscope's importer needs beyond the schema: frame indices in range, evented
//     profiles with balanced open/close events in time order, as many weights as samples.
// Usage: node validate-speedscope.mjs FILE...   Exit code 0 when every file passes, 1 otherwise, 2 on misuse.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import Ajv from 'ajv';

const here = dirname(fileURLToPath(import.meta.url));
const schemaFile = join(here, 'node_modules', 'speedscope', 'dist', 'release', 'file-format-schema.json');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-speedscope.mjs FILE...');
  process.exit(2);
}

const speedscopeVersion = JSON.parse(readFileSync(join(here, 'node_modules', 'speedscope', 'package.json'), 'utf8')).version;
const validate = new Ajv({allErrors: true}).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

function semanticErrors(doc) {
  const errors = [];
  const frameCount = doc.shared.frames.length;
  const frameOk = (f) => Number.isInteger(f) && f >= 0 && f < frameCount;
  if (doc.activeProfileIndex !== undefined &&
      !(Number.isInteger(doc.activeProfileIndex) && doc.activeProfileIndex >= 0 && doc.activeProfileIndex < doc.profiles.length)) {
    errors.push(`activeProfileIndex ${doc.activeProfileIndex} out of range`);
  }
  doc.profiles.forEach((p, i) => {
    const where = `profiles[${i}] (${p.type})`;
    if (p.endValue < p.startValue) errors.push(`${where}: endValue ${p.endValue} before startValue ${p.startValue}`);
    if (p.type === 'evented') {
      const open = [];
      let last = p.startValue;
      p.events.forEach((e, j) => {
        const at = `${where}.events[${j}]`;
        if (!frameOk(e.frame)) errors.push(`${at}: frame ${e.frame} out of range`);
        if (e.at < last) errors.push(`${at}: at ${e.at} goes back in time (previous ${last})`);
        if (e.at > p.endValue) errors.push(`${at}: at ${e.at} after endValue ${p.endValue}`);
        last = e.at;
        if (e.type === 'O') {
          open.push(e.frame);
        } else if (open.length === 0 || open[open.length - 1] !== e.frame) {
          errors.push(`${at}: closes frame ${e.frame} but ${open.length ? 'frame ' + open[open.length - 1] : 'nothing'} is open`);
        } else {
          open.pop();
        }
      });
      if (open.length) errors.push(`${where}: ${open.length} frames never closed`);
    } else {
      if (p.samples.length !== p.weights.length) {
        errors.push(`${where}: ${p.samples.length} samples but ${p.weights.length} weights`);
      }
      p.samples.forEach((stack, j) => stack.forEach((f, k) => {
        if (!frameOk(f)) errors.push(`${where}.samples[${j}][${k}]: frame ${f} out of range`);
      }));
      let total = 0;
      p.weights.forEach((w, j) => {
        if (!(w >= 0)) errors.push(`${where}.weights[${j}]: negative weight ${w}`);
        total += w;
      });
      if (total > p.endValue - p.startValue) errors.push(`${where}: weights add up to ${total}, past endValue`);
    }
  });
  return errors;
}

let failed = 0;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`FAIL ${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  const errors = validate(doc)
      ? semanticErrors(doc)
      : validate.errors.map((e) => `schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  if (errors.length) {
    failed++;
    console.log(`FAIL ${file}`);
    for (const e of errors.slice(0, 20)) console.log(`  ${e}`);
    if (errors.length > 20) console.log(`  ... and ${errors.length - 20} more`);
  } else {
    console.log(`ok ${file}: ${doc.shared.frames.length} frames, ${doc.profiles.length} profiles (speedscope ${speedscopeVersion} schema)`);
  }
}
process.exit(failed ? 1 : 0);
