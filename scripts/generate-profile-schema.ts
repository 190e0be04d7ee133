// Writes the published JSON Schema of our record, schema/oer-atlas-record.schema.json, from
// profileJsonSchema() (the TypeBox definitions in src/domain/profile.ts), formatted as Prettier formats the
// repository so `npm run check` stays clean. With --check it only reports whether the file is current.
// The file is generated: never edit it by hand, and never let this script write anything else.
//   node --import tsx scripts/generate-profile-schema.ts [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { profileJsonSchema } from '../src/domain/profile.js';

export const PROFILE_SCHEMA_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'schema',
  'oer-atlas-record.schema.json',
);

/** The schema file's exact text: pretty-printed JSON with a trailing newline. */
export async function renderProfileSchema(): Promise<string> {
  const options = (await resolveConfig(PROFILE_SCHEMA_FILE)) ?? {};
  const text = await format(JSON.stringify(profileJsonSchema(), null, 2), {
    ...options,
    filepath: PROFILE_SCHEMA_FILE,
  });
  return text.endsWith('\n') ? text : `${text}\n`;
}

async function main(): Promise<void> {
  const text = await renderProfileSchema();
  const relative = path.relative(process.cwd(), PROFILE_SCHEMA_FILE);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(PROFILE_SCHEMA_FILE, 'utf8');
    } catch {
      // A missing file is simply out of date.
    }
    if (current !== text) {
      process.stderr.write(
        `${relative} is out of date; run: node --import tsx scripts/generate-profile-schema.ts\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${relative} is up to date.\n`);
    return;
  }
  mkdirSync(path.dirname(PROFILE_SCHEMA_FILE), { recursive: true });
  writeFileSync(PROFILE_SCHEMA_FILE, text);
  process.stdout.write(`Wrote ${relative}.\n`);
}

// Run only when executed as a script, so tests can import renderProfileSchema.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
