// Generated records for the source-quality suite: deterministic from a seed, in eight languages and scripts,
// with skewed fill rates, each telling which coverage fields it was given. Test helper only; no I/O.
import type { ResourceRecord } from '../../src/domain/profile.js';
import { HARVESTED_AT } from './records.js';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS: readonly (readonly [string, string, string])[] = [
  [
    'en',
    'Fractions with pizza slices',
    'A worksheet that lets pupils compare and add fractions by cutting paper pizzas, with solutions and a short guide for teachers.',
  ],
  [
    'fr',
    'Les volcans d’Auvergne',
    'Séquence de géographie sur la formation des volcans de la chaîne des Puys, avec cartes, photographies et questions pour le cycle 3.',
  ],
  [
    'es',
    'Introducción a la fotosíntesis',
    'Vídeo y actividades interactivas para entender cómo las plantas transforman la luz en energía química, pensado para secundaria.',
  ],
  [
    'ar',
    'مقدمة في الجبر',
    'درس تفاعلي يشرح المعادلات الخطية ذات المجهول الواحد مع أمثلة محلولة وتمارين للتقويم الذاتي لطلاب المرحلة المتوسطة.',
  ],
  ['zh', '线性代数导论', '本课程介绍向量、矩阵与线性方程组，配有习题与讲解视频。'],
  [
    'ru',
    'Законы Ньютона',
    'Интерактивный урок по физике для 9 класса: три закона Ньютона, опыты, задачи с решениями и тест для самопроверки.',
  ],
  [
    'pt',
    'Ciclo da água',
    'Plano de aula sobre o ciclo da água com experimentos simples, vídeo curto e avaliação para o ensino fundamental.',
  ],
  [
    'sw',
    'Hisabati ya sehemu',
    'Zoezi la hisabati linalowasaidia wanafunzi kulinganisha na kujumlisha sehemu kwa kutumia mifano ya kila siku.',
  ],
];

export interface Generated {
  readonly id: string;
  readonly record: ResourceRecord;
  /** The coverage fields this record was given. */
  readonly fields: ReadonlySet<string>;
}

/** One record; which fields it gets is drawn with skewed probabilities. */
export function generate(i: number, random: () => number): Generated {
  const [lang, title, text] = TEXTS[Math.floor(random() * TEXTS.length)] ?? ['en', 'x', 'y'];
  const fields = new Set<string>(['name']);
  const r: Record<string, unknown> = {
    type: ['LearningResource'],
    name: { [lang]: `${title} ${i}` },
    provenance: [{ sourceId: 'gen', sourceRecordId: `oai:gen:${i}`, harvestedAt: HARVESTED_AT, fields: [] }],
  };
  const put = (field: string, value: unknown, p: number): boolean => {
    if (random() >= p) return false;
    r[field] = value;
    fields.add(field);
    return true;
  };
  put('description', { [lang]: random() < 0.5 ? text : text.slice(0, 20) }, 0.6);
  if (put('inLanguage', [lang], 0.8)) r.inLanguageOrigin = random() < 0.7 ? 'declared' : 'detected';
  const licenses = [
    { id: 'https://creativecommons.org/licenses/by/4.0/', group: 'by', original: ['CC BY 4.0'] },
    { group: 'restricted', original: ['All rights reserved'] },
    { group: 'unknown', original: ['see website'] },
  ];
  put('license', licenses[Math.floor(random() * licenses.length)], 0.7);
  put('iscedLevels', [String(Math.floor(random() * 9))], 0.4);
  put(
    'educationalLevel',
    [{ id: 'urn:oer-atlas:vocab:dc-educationLevel:ensino%20m%C3%A9dio', prefLabel: { pt: 'ensino médio' } }],
    0.3,
  );
  put('about', [{ id: 'http://vocabularies.unesco.org/thesaurus/concept2214' }], 0.5);
  put('keywords', { [lang]: [title.split(' ')[0] ?? title] }, 0.6);
  put('learningResourceType', [{ id: 'https://w3id.org/kim/hcrt/worksheet' }], 0.6);
  put('accessibilityFeature', ['alternativeText'], 0.15);
  put('creator', [{ type: 'Person', name: `Autor ${i % 97}` }], 0.8);
  put('publisher', [{ type: 'Organization', name: 'Secretaria de Educação' }], 0.5);
  put('datePublished', `20${String(10 + (i % 14))}-0${1 + (i % 9)}-1${i % 10}`, 0.85);
  const url = `https://oer.gen.edu.br/r/${i}`;
  const id = put('url', url, 0.95) ? url : `urn:oer-atlas:gen:oai%3Agen%3A${i}`;
  put('image', `${url}/thumb.png`, 0.3);
  put('encoding', [{ encodingFormat: 'application/pdf' }], 0.5);
  put('isAccessibleForFree', true, 0.4);
  r.id = id;
  return { id, record: r as ResourceRecord, fields };
}
