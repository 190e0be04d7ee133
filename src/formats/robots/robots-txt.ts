// robots.txt as RFC 9309 defines it: groups of `User-agent` lines with `Allow` / `Disallow` rules, the
// group of our own product token ("oer-atlas") when there is one, else the `*` group; the longest matching
// path wins and `Allow` wins a tie; `*` and `$` in paths; `Sitemap:` lines collected. Only the first
// 500 KiB are read, as the RFC allows. Pure; never performs I/O.

export interface RobotsRule {
  readonly allow: boolean;
  readonly pattern: string;
}

export interface RobotsTxt {
  /** The rules for us (our own group, else `*`); empty means everything is allowed. */
  readonly rules: readonly RobotsRule[];
  /** Sitemap URLs the file names, as written. */
  readonly sitemaps: readonly string[];
  /** Which group applied: our token, "*", or null when neither exists. */
  readonly group: string | null;
}

export const ROBOTS_PRODUCT_TOKEN = 'oer-atlas';
const MAX_ROBOTS_CHARS = 500 * 1024;

/** A robots.txt that allows everything (missing file, 4xx). */
export const ALLOW_ALL: RobotsTxt = { rules: [], sitemaps: [], group: null };
/** A robots.txt that allows nothing (the RFC's answer to a server error). */
export const DISALLOW_ALL: RobotsTxt = { rules: [{ allow: false, pattern: '/' }], sitemaps: [], group: '*' };

interface Group {
  readonly agents: string[];
  readonly rules: RobotsRule[];
}

export function parseRobotsTxt(text: string, token = ROBOTS_PRODUCT_TOKEN): RobotsTxt {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, MAX_ROBOTS_CHARS).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (m === null) continue;
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim();
    if (key === 'user-agent') {
      if (current === null || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (value !== '' && sitemaps.length < 1000) sitemaps.push(value);
    } else if ((key === 'allow' || key === 'disallow') && current !== null) {
      // An empty Disallow allows everything: it is simply no rule.
      if (value !== '' && current.rules.length < 10_000)
        current.rules.push({ allow: key === 'allow', pattern: value });
    }
  }
  const ours = token.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a === ours));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const group = mine.length > 0 ? ours : chosen.length > 0 ? '*' : null;
  return { rules: chosen.flatMap((g) => g.rules), sitemaps, group };
}

/** Percent-encodes what a URL path would have encoded, so patterns and paths compare alike. */
function normalizePath(path: string): string {
  return path
    .replace(/%[0-9a-f]{2}/g, (m) => m.toUpperCase())
    .replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
}

/** Whether `path` starts with (or, anchored, equals) the `*`-pattern; two-pointer wildcard matching. */
function wildcardMatch(pattern: string, path: string, anchored: boolean): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < path.length) {
    if (p === pattern.length && !anchored) return true;
    if (p < pattern.length && pattern.charAt(p) === '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.length && pattern.charAt(p) === path.charAt(t)) {
      p++;
      t++;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charAt(p) === '*') p++;
  return p === pattern.length;
}

function matchLength(pattern: string, path: string): number {
  const anchored = pattern.endsWith('$');
  const body = normalizePath(anchored ? pattern.slice(0, -1) : pattern).replace(/\*{2,}/g, '*');
  return wildcardMatch(body, path, anchored) ? body.length : -1;
}

/** Whether `url` may be fetched under `robots` (the path and query are matched, as the RFC says). */
export function isAllowed(robots: RobotsTxt, url: string): boolean {
  if (robots.rules.length === 0) return true;
  let target: string;
  try {
    const parsed = new URL(url);
    target = normalizePath(`${parsed.pathname}${parsed.search}`);
  } catch {
    return false;
  }
  if (target === '/robots.txt') return true;
  let best = -1;
  let allowed = true;
  for (const rule of robots.rules) {
    const length = matchLength(rule.pattern, target);
    if (length > best || (length === best && length !== -1 && rule.allow)) {
      best = length;
      allowed = rule.allow;
    }
  }
  return best === -1 ? true : allowed;
}
