// The call tree of a Hotline JSON v1 profile in flat typed arrays: fast enough for 20,000+ nodes.

// Packages treated as library code only for a profile that does not name the application's packages
// (appPackages, written since 0.2): a package name alone never makes code a library otherwise.
const LIBRARY_PREFIXES = [
  'java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'jakarta.', 'kotlin.', 'kotlinx.', 'scala.',
  'org.eclipse.jetty.', 'org.apache.catalina.', 'org.apache.coyote.', 'org.apache.tomcat.', 'io.undertow.',
  'org.springframework.', 'org.hibernate.', 'com.zaxxer.', 'io.netty.', 'org.glassfish.', 'org.jboss.',
  'com.fasterxml.', 'org.h2.', 'org.postgresql.', 'com.mysql.', 'reactor.', 'io.micrometer.', 'org.slf4j.',
  'ch.qos.logback.', 'org.apache.logging.', 'io.javalin.', 'io.dropwizard.', 'dev.hotline.core.', 'dev.hotline.servlet.',
  'dev.hotline.agent.', 'one.profiler.',
];

export class ProfileModel {
  constructor(json) {
    this.json = json;
    const frames = json.frames || [];
    const nodes = json.nodes || [];
    const n = nodes.length;
    this.size = n;
    this.frame = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.total = new Float64Array(n);
    this.self = new Float64Array(n);
    this.samples = new Float64Array(n);
    this.depth = new Int32Array(n);
    const childCount = new Int32Array(n);
    let maxDepth = 0;
    for (let i = 0; i < n; i++) {
      const row = nodes[i];
      this.frame[i] = row[0];
      const p = row[1];
      this.parent[i] = p;
      this.total[i] = row[2];
      this.self[i] = row[3];
      this.samples[i] = row[4];
      if (p >= 0) {
        childCount[p]++;
        const d = this.depth[p] + 1;
        this.depth[i] = d;
        if (d > maxDepth) maxDepth = d;
      }
    }
    this.maxDepth = maxDepth;
    // Children in one array, hottest first (totalNs descending, ties by id).
    this.childStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.childStart[i + 1] = this.childStart[i] + childCount[i];
    this.children = new Int32Array(Math.max(0, n - 1));
    const fill = this.childStart.slice(0, n);
    for (let i = 1; i < n; i++) { const p = this.parent[i]; if (p >= 0) this.children[fill[p]++] = i; }
    const total = this.total;
    for (let i = 0; i < n; i++) {
      const a = this.childStart[i], b = this.childStart[i + 1];
      if (b - a > 1) {
        const sorted = Array.from(this.children.subarray(a, b)).sort((x, y) => total[y] - total[x] || x - y);
        this.children.set(sorted, a);
      }
    }
    this.rootTotal = n > 0 ? this.total[0] : 0;
    this.sampledNs = (json.sampling && json.sampling.sampledNs) || this.rootTotal;

    // Per frame: labels and whether it is library code.
    const include = Array.isArray(json.appPackages) && json.appPackages.length ? json.appPackages : null;
    this.appPackages = include;
    this.frameCount = frames.length;
    this.label = new Array(frames.length);
    this.fullName = new Array(frames.length);
    this.location = new Array(frames.length);
    this.className = new Array(frames.length);
    this.library = new Uint8Array(frames.length);
    for (let f = 0; f < frames.length; f++) {
      const fr = frames[f];
      const cls = String(fr.class);
      const dot = cls.lastIndexOf('.');
      const simple = dot >= 0 ? cls.slice(dot + 1) : cls;
      const line = fr.line >= 0 ? ':' + fr.line : '';
      this.label[f] = simple + '.' + fr.method + line;
      this.fullName[f] = cls + '.' + fr.method;
      this.className[f] = cls;
      this.location[f] = (fr.file || 'unknown file') + line;
      this.library[f] = isLibrary(cls, include) ? 1 : 0;
    }
  }

  childrenOf(node) { return this.children.subarray(this.childStart[node], this.childStart[node + 1]); }
  childCountOf(node) { return this.childStart[node + 1] - this.childStart[node]; }
  labelOf(node) { return node === 0 || this.frame[node] < 0 ? 'all' : this.label[this.frame[node]]; }
  fullNameOf(node) { return node === 0 || this.frame[node] < 0 ? 'all threads' : this.fullName[this.frame[node]]; }
  locationOf(node) { return node === 0 || this.frame[node] < 0 ? '' : this.location[this.frame[node]]; }
  isLibrary(node) { return node > 0 && this.frame[node] >= 0 && this.library[this.frame[node]] === 1; }
  classOf(node) { return node === 0 || this.frame[node] < 0 ? '' : this.className[this.frame[node]]; }
  isApp(node) { return node > 0 && this.frame[node] >= 0 && this.library[this.frame[node]] === 0; }
  isLibraryClass(cls) { return isLibrary(String(cls), this.appPackages); }

  /**
   * The application frame a person looks for first: the outermost one on the hottest path of application code
   * (the largest total; the shallower on ties). -1 when the profile has none.
   */
  firstAppNode() {
    let best = -1;
    for (let i = 1; i < this.size; i++) {
      if (!this.isApp(i)) continue;
      if (best < 0 || this.total[i] > this.total[best] || (this.total[i] === this.total[best] && this.depth[i] < this.depth[best])) best = i;
    }
    return best;
  }

  /** Nodes from the root down to node, root first. */
  pathTo(node) {
    const path = [];
    for (let x = node; x >= 0; x = this.parent[x]) path.push(x);
    return path.reverse();
  }

  /** Frames whose label or full name contains text (case-insensitive), as a per-frame flag array. */
  matchFrames(text) {
    const out = new Uint8Array(this.frameCount);
    const q = text.trim().toLowerCase();
    if (!q) return null;
    for (let f = 0; f < this.frameCount; f++) {
      if (this.fullName[f].toLowerCase().includes(q) || this.label[f].toLowerCase().includes(q)) out[f] = 1;
    }
    return out;
  }

  /** Tooltip text for a node. */
  describe(node) {
    const whole = this.rootTotal || 1;
    const lines = [this.fullNameOf(node)];
    const loc = this.locationOf(node);
    if (loc) lines.push(loc);
    lines.push(`total ${fmtMs(this.total[node])} (${share(this.total[node], whole)})`);
    lines.push(`self ${fmtMs(this.self[node])} (${share(this.self[node], whole)})`);
    lines.push(`samples ${this.samples[node]}`);
    if (this.isLibrary(node)) lines.push('library frame');
    return lines;
  }
}

/** Where a hidden frame is listed: two package segments, three after a domain-like first one (org.apache.catalina). */
export function packageGroup(cls) {
  let outer = cls;
  const dollar = outer.indexOf('$');
  if (dollar > 0) outer = outer.slice(0, dollar);
  const dot = outer.lastIndexOf('.');
  if (dot < 0) return '(default package)';
  const parts = outer.slice(0, dot).split('.');
  return parts.slice(0, DOMAINS.has(parts[0]) ? 3 : 2).join('.');
}

const DOMAINS = new Set(['org', 'com', 'net', 'io', 'dev', 'edu', 'gov', 'co', 'me', 'ch', 'de', 'fr', 'uk', 'nl', 'be',
  'at', 'it', 'es', 'se', 'no', 'fi', 'dk', 'pl', 'ru', 'jp', 'cn', 'br', 'in', 'au', 'info', 'biz', 'app', 'tech']);

export function isLibrary(cls, include) {
  if (include && include.length) return !include.some((p) => cls === p || cls.startsWith(p.endsWith('.') ? p : p + '.'));
  for (const p of LIBRARY_PREFIXES) if (cls.startsWith(p)) return true;
  return false;
}

function fmtMs(nsValue) { return (nsValue / 1e6).toFixed(nsValue >= 1e8 ? 0 : 2) + ' ms'; }
function share(part, whole) { return ((100 * part) / whole).toFixed(1) + ' %'; }
