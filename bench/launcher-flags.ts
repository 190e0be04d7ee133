// The Node.js flags the product's executable starts with, read from the first line of `bin/oer-atlas`, so that
// a benchmark measures the product's processes (their memory above all) as the product starts them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SHEBANG = /^#!\/usr\/bin\/env -S node((?: --[a-z0-9-]+(?:=\S+)?)*)$/;

/** The flags in the first line of a launcher script (`#!/usr/bin/env -S node FLAGS...`). */
export function launcherFlagsOf(script: string): string[] {
  const first = script.split('\n', 1)[0] ?? '';
  const match = SHEBANG.exec(first);
  if (match === null) throw new Error(`not a launcher line with Node.js flags: ${first}`);
  return (match[1] ?? '').split(' ').filter((flag) => flag !== '');
}

export const LAUNCHER_NODE_FLAGS: readonly string[] = launcherFlagsOf(
  readFileSync(path.join(import.meta.dirname, '..', 'bin', 'oer-atlas'), 'utf8'),
);
