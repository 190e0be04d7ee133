// Picking a label in the wanted language from a label map: the language itself, then its base language
// ("pt-BR" -> "pt"), then English, then any. Pure.
import type { Labels } from './types.js';

export function pickLabel(labels: Labels | undefined, lang: string | undefined): string | undefined {
  if (labels === undefined) return undefined;
  if (lang !== undefined) {
    const exact = labels[lang];
    if (exact !== undefined) return exact;
    const base = lang.toLowerCase().split(/[-_]/)[0];
    if (base !== undefined) {
      const byBase = labels[base];
      if (byBase !== undefined) return byBase;
    }
  }
  return labels['en'] ?? Object.values(labels)[0];
}
