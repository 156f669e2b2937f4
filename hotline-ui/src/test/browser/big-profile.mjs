// Writes a large Hotline JSON v1 profile (default 100,000 samples, 20,000 call-tree nodes), deterministic.
// Usage: node big-profile.mjs OUT.json ID [SAMPLES] [NODES]
import { writeFileSync } from 'node:fs';

export function bigProfile(id, sampleCount = 100000, nodeCount = 20000) {
  let seed = 42;
  const random = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const frames = [];
  const frameCount = 3000;
  for (let f = 0; f < frameCount; f++) {
    const pkg = f % 3 === 0 ? 'java.util.concurrent' : 'com.example.shop.module' + (f % 40);
    frames.push({ class: `${pkg}.Service${f % 97}`, method: 'step' + f, file: `Service${f % 97}.java`, line: 10 + (f % 300) });
  }
  // A tree of nodeCount nodes, up to 60 deep: each new node hangs under a recent one.
  const parent = [-1], frame = [-1], depth = [0];
  for (let i = 1; i < nodeCount; i++) {
    let p = i === 1 ? 0 : Math.max(0, i - 1 - Math.floor(random() * Math.min(i - 1, 40)));
    if (depth[p] >= 60) p = parent[p];
    parent.push(p); depth.push(depth[p] + 1); frame.push(Math.floor(random() * frameCount));
  }
  const children = Array.from({ length: nodeCount }, () => 0);
  for (let i = 1; i < nodeCount; i++) children[parent[i]]++;
  const leaves = [];
  for (let i = 1; i < nodeCount; i++) if (children[i] === 0) leaves.push(i);
  const self = new Float64Array(nodeCount), hits = new Float64Array(nodeCount);
  const samples = [];
  const weight = 1000000;
  for (let s = 0; s < sampleCount; s++) {
    // Skewed: a few leaves get most samples, as in real profiles.
    const leaf = leaves[Math.floor(Math.pow(random(), 3) * leaves.length)];
    self[leaf] += weight; hits[leaf]++;
    samples.push([0, s * weight, weight, 1, leaf]);
  }
  const total = Float64Array.from(self), count = Float64Array.from(hits);
  for (let i = nodeCount - 1; i > 0; i--) { total[parent[i]] += total[i]; count[parent[i]] += count[i]; }
  const nodes = [];
  for (let i = 0; i < nodeCount; i++) nodes.push([frame[i], parent[i], total[i], self[i], count[i]]);
  // Per line and per method: a frame counts once per path even when it repeats on it.
  const lineTotal = new Float64Array(frameCount), lineSelf = new Float64Array(frameCount), lineSamples = new Float64Array(frameCount);
  for (let i = 1; i < nodeCount; i++) {
    let repeated = false;
    for (let a = parent[i]; a > 0; a = parent[a]) if (frame[a] === frame[i]) { repeated = true; break; }
    if (!repeated) { lineTotal[frame[i]] += total[i]; lineSamples[frame[i]] += count[i]; }
    lineSelf[frame[i]] += self[i];
  }
  const lines = [];
  for (let f = 0; f < frameCount; f++) {
    if (lineSamples[f] === 0) continue;
    lines.push({ ...frames[f], totalNs: lineTotal[f], selfNs: lineSelf[f], samples: lineSamples[f] });
  }
  lines.sort((a, b) => b.totalNs - a.totalNs);
  const methods = lines.map(({ line, ...m }) => m);
  const sampledNs = sampleCount * weight;
  const start = new Date(Date.UTC(2026, 10, 21, 10, 0, 0)).toISOString();
  return {
    format: 'hotline-profile', version: 1, id,
    request: { method: 'GET', path: '/big/profile', query: null, status: 200, start, startEpochMs: Date.parse(start), durationNs: sampledNs, error: null },
    engine: 'java', intervalNs: weight, sampleCount,
    sampling: { effectiveIntervalNs: weight, sampledNs, budgetLimited: false },
    notes: ['generated: a large profile for the render-time measurement'],
    threads: ['worker-1'], frames, nodes, samples, lines, methods,
  };
}

if (process.argv[1] && process.argv[1].endsWith('big-profile.mjs')) {
  const [out, id, s, n] = process.argv.slice(2);
  if (!out || !id) { console.error('usage: node big-profile.mjs OUT.json ID [SAMPLES] [NODES]'); process.exit(2); }
  writeFileSync(out, JSON.stringify(bigProfile(id, Number(s || 100000), Number(n || 20000))));
}
