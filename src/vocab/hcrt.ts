// The Hochschulcampus Ressourcentypen (HCRT) vocabulary: the 26 resource types of German higher-education OER
// metadata (https://w3id.org/kim/hcrt/scheme), with their labels, and labels curated by us for every UI
// language. Source: hcrt.ttl of dini-ag-kim/hcrt, published under CC0 1.0 by the DINI-AG KIM (Kompetenzzentrum
// Interoperable Metadaten); `prefLabel`, `altLabel` and `scopeNote` are carried over from it unchanged (only
// surrounding white space trimmed). `curatedLabel` is ours (OER Atlas, curated): one label in each of en, fr,
// es, ar, zh, ru, pt and sw for showing the concept in the UI. HCRT defines no skos:notation; `notation` is
// the local name of the concept's URI ("video" for https://w3id.org/kim/hcrt/video). Pure data; no I/O.
import type { ConceptValue } from '../domain/profile.js';

export const HCRT_NAMESPACE = 'https://w3id.org/kim/hcrt/';
export const HCRT_SCHEME = 'https://w3id.org/kim/hcrt/scheme';

/** The languages the UI is offered in; every concept has a curated label in each. */
export const HCRT_UI_LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru', 'pt', 'sw'] as const;
export type HcrtUiLanguage = (typeof HCRT_UI_LANGUAGES)[number];

export interface HcrtConcept {
  /** The concept URI, e.g. https://w3id.org/kim/hcrt/video */
  readonly id: string;
  /** The local name of the URI ("video"). */
  readonly notation: string;
  /** skos:prefLabel per language, as in hcrt.ttl. */
  readonly prefLabel: Readonly<Record<string, string>>;
  /** skos:altLabel per language, as in hcrt.ttl. */
  readonly altLabel: Readonly<Record<string, readonly string[]>>;
  /** skos:scopeNote per language, as in hcrt.ttl. */
  readonly scopeNote: Readonly<Record<string, string>>;
  /** Curated by OER Atlas (not part of HCRT): the label shown in each UI language. */
  readonly curatedLabel: Readonly<Record<HcrtUiLanguage, string>>;
}

type Entry = Omit<HcrtConcept, 'id' | 'altLabel' | 'scopeNote'> &
  Partial<Pick<HcrtConcept, 'altLabel' | 'scopeNote'>>;

// In the order of skos:hasTopConcept in hcrt.ttl.
const ENTRIES: readonly Entry[] = [
  {
    notation: 'application',
    prefLabel: {
      de: 'Softwareanwendung',
      en: 'Software Application',
      nl: 'Computerprogramma',
      uk: 'Програмне забезпечення',
      cs: 'Počítačový program',
      fr: 'Application logicielle',
      sv: 'Programvara',
    },
    curatedLabel: {
      en: 'Software application',
      fr: 'Application logicielle',
      es: 'Aplicación de software',
      ar: 'تطبيق برمجي',
      zh: '软件应用',
      ru: 'Программное приложение',
      pt: 'Aplicação de software',
      sw: 'Programu tumizi',
    },
  },
  {
    notation: 'assessment',
    prefLabel: {
      de: 'Lernkontrolle',
      en: 'Assessment',
      nl: 'Evaluatie',
      uk: 'Оцінювання',
      cs: 'Hodnocení',
      fr: 'Contrôle d’apprentissage',
      sv: 'Bedömning',
    },
    altLabel: { de: ['Assessment'] },
    scopeNote: { de: 'unter anderem (Selbst-)Tests', fr: 'entre autres (auto)tests' },
    curatedLabel: {
      en: 'Assessment',
      fr: 'Évaluation',
      es: 'Evaluación',
      ar: 'تقييم',
      zh: '测评',
      ru: 'Оценивание',
      pt: 'Avaliação',
      sw: 'Tathmini',
    },
  },
  {
    notation: 'audio',
    prefLabel: {
      de: 'Audio',
      en: 'Audio Recording',
      nl: 'Audio',
      uk: 'Аудіозапис',
      cs: 'Zvukový záznam',
      fr: 'Audio',
      sv: 'Ljudinspelning',
    },
    altLabel: { de: ['Tonaufnahme'], uk: ['Звукозапис'], sv: ['Ljudinspelning'] },
    curatedLabel: {
      en: 'Audio recording',
      fr: 'Enregistrement audio',
      es: 'Grabación de audio',
      ar: 'تسجيل صوتي',
      zh: '音频',
      ru: 'Аудиозапись',
      pt: 'Gravação de áudio',
      sw: 'Rekodi ya sauti',
    },
  },
  {
    notation: 'case_study',
    prefLabel: {
      de: 'Fallstudie',
      en: 'Case Study',
      nl: 'Casestudy',
      uk: 'Приклад',
      cs: 'Případová studie',
      fr: 'Étude de cas',
      sv: 'Fallstudie',
    },
    curatedLabel: {
      en: 'Case study',
      fr: 'Étude de cas',
      es: 'Estudio de caso',
      ar: 'دراسة حالة',
      zh: '案例研究',
      ru: 'Учебный кейс',
      pt: 'Estudo de caso',
      sw: 'Uchunguzi kifani',
    },
  },
  {
    notation: 'course',
    prefLabel: { de: 'Kurs', en: 'Course', nl: 'Cursus', uk: 'Курс', cs: 'Kurz', fr: 'Cours', sv: 'Kurs' },
    curatedLabel: {
      en: 'Course',
      fr: 'Cours',
      es: 'Curso',
      ar: 'مقرر دراسي',
      zh: '课程',
      ru: 'Курс',
      pt: 'Curso',
      sw: 'Kozi',
    },
  },
  {
    notation: 'data',
    prefLabel: { de: 'Daten', en: 'Data', nl: 'Gegevens', uk: 'Дані', fr: 'Données', sv: 'Data' },
    scopeNote: {
      de: 'unter anderem Roh- oder Beispieldaten',
      en: 'amongst others raw and example data',
      nl: 'onder andere ruwe gegevens en voorbeeldgegevens',
      uk: 'включно з необробленими даними та зразками',
      fr: 'entre autres, données brutes ou exemples',
      sv: 'bland annat rådata eller exempeldata',
    },
    curatedLabel: {
      en: 'Data',
      fr: 'Données',
      es: 'Datos',
      ar: 'بيانات',
      zh: '数据',
      ru: 'Данные',
      pt: 'Dados',
      sw: 'Data',
    },
  },
  {
    notation: 'diagram',
    prefLabel: {
      de: 'Diagramm',
      en: 'Diagram',
      nl: 'Diagram',
      uk: 'Діаграма',
      cs: 'Diagram',
      fr: 'Diagramme',
      sv: 'Diagram',
    },
    altLabel: { de: ['Grafik'], uk: ['Графіка'], sv: ['Grafik'] },
    curatedLabel: {
      en: 'Diagram',
      fr: 'Diagramme',
      es: 'Diagrama',
      ar: 'مخطط بياني',
      zh: '图表',
      ru: 'Диаграмма',
      pt: 'Diagrama',
      sw: 'Mchoro',
    },
  },
  {
    notation: 'drill_and_practice',
    prefLabel: {
      de: 'Übung',
      en: 'Drill and Practice',
      nl: 'Oefening',
      uk: 'Практика',
      cs: 'Cvičení',
      fr: 'Exercice',
      sv: 'Övning',
    },
    curatedLabel: {
      en: 'Drill and practice',
      fr: 'Exercice',
      es: 'Ejercicio',
      ar: 'تمرين',
      zh: '练习',
      ru: 'Упражнение',
      pt: 'Exercício',
      sw: 'Mazoezi',
    },
  },
  {
    notation: 'educational_game',
    prefLabel: {
      de: 'Lernspiel',
      en: 'Game',
      nl: 'Educatief Spel',
      uk: 'Навчальна гра',
      cs: 'Hra',
      fr: 'Jeu éducatif',
      sv: 'Pedagogiskt spel',
    },
    curatedLabel: {
      en: 'Educational game',
      fr: 'Jeu éducatif',
      es: 'Juego educativo',
      ar: 'لعبة تعليمية',
      zh: '教育游戏',
      ru: 'Обучающая игра',
      pt: 'Jogo educativo',
      sw: 'Mchezo wa kielimu',
    },
  },
  {
    notation: 'experiment',
    prefLabel: {
      de: 'Experiment',
      en: 'Experiment',
      nl: 'Experiment',
      uk: 'Експеримент',
      cs: 'Experiment',
      fr: 'Expérience',
      sv: 'Experiment',
    },
    curatedLabel: {
      en: 'Experiment',
      fr: 'Expérience',
      es: 'Experimento',
      ar: 'تجربة',
      zh: '实验',
      ru: 'Эксперимент',
      pt: 'Experimento',
      sw: 'Jaribio',
    },
  },
  {
    notation: 'image',
    prefLabel: {
      de: 'Abbildung',
      en: 'Image',
      nl: 'Afbeelding',
      uk: 'Ілюстрація',
      cs: 'Obrázek',
      fr: 'Illustration',
      sv: 'Bild',
    },
    altLabel: { de: ['Bild'], uk: ['Зображення'], sv: ['Bild'] },
    scopeNote: {
      de: 'Fotos, Grafiken und sonstige Bilder',
      en: 'photos, graphics, and other images',
      nl: "foto's, illustraties en andere afbeeldingen",
      uk: 'Фотографії, графіки та інші зображення',
      fr: 'Photos, graphiques et autres images',
      sv: 'Fotografier, grafik och andra bilder',
    },
    curatedLabel: {
      en: 'Image',
      fr: 'Image',
      es: 'Imagen',
      ar: 'صورة',
      zh: '图像',
      ru: 'Изображение',
      pt: 'Imagem',
      sw: 'Picha',
    },
  },
  {
    notation: 'index',
    prefLabel: {
      de: 'Nachschlagewerk',
      en: 'Reference Work',
      nl: 'Naslagwerk',
      uk: 'Довідник',
      fr: 'Ouvrage de référence',
      sv: 'Uppslagsverk',
    },
    scopeNote: {
      de: 'zum Beispiel Glossar, Enzyklopädie, Lexikon',
      en: 'e.g.glossary, encyclopedia, dictionary',
      nl: 'bijvoorbeeld woordenlijst, encyclopedie, lexicon',
      uk: 'наприклад, глосарій, енциклопедія, словник',
      fr: 'par exemple glossaire, encyclopédie, lexique',
      sv: 'till exempel ordlista, uppslagsverk, lexikon',
    },
    curatedLabel: {
      en: 'Reference work',
      fr: 'Ouvrage de référence',
      es: 'Obra de referencia',
      ar: 'عمل مرجعي',
      zh: '参考工具书',
      ru: 'Справочное издание',
      pt: 'Obra de referência',
      sw: 'Kitabu cha marejeo',
    },
  },
  {
    notation: 'lesson_plan',
    prefLabel: {
      de: 'Unterrichtsplanung',
      en: 'Lesson Plan',
      nl: 'Lesplan',
      uk: 'План уроку',
      cs: 'Plán lekce',
      fr: 'Plan de cours',
      sv: 'Lektionsplan',
    },
    curatedLabel: {
      en: 'Lesson plan',
      fr: 'Plan de cours',
      es: 'Plan de clase',
      ar: 'خطة درس',
      zh: '教案',
      ru: 'План урока',
      pt: 'Plano de aula',
      sw: 'Andalio la somo',
    },
  },
  {
    notation: 'map',
    prefLabel: { de: 'Karte', en: 'Map', nl: 'Kaart', uk: 'Мапа', cs: 'Mapa', fr: 'Carte', sv: 'Karta' },
    curatedLabel: {
      en: 'Map',
      fr: 'Carte',
      es: 'Mapa',
      ar: 'خريطة',
      zh: '地图',
      ru: 'Карта',
      pt: 'Mapa',
      sw: 'Ramani',
    },
  },
  {
    notation: 'portal',
    prefLabel: {
      de: 'Portal',
      en: 'Web Portal',
      nl: 'Internetportaal',
      uk: 'Портал',
      cs: 'Webový portál',
      fr: 'Portail',
      sv: 'Webbportal',
    },
    curatedLabel: {
      en: 'Web portal',
      fr: 'Portail web',
      es: 'Portal web',
      ar: 'بوابة إلكترونية',
      zh: '门户网站',
      ru: 'Веб-портал',
      pt: 'Portal web',
      sw: 'Lango la mtandao',
    },
  },
  {
    notation: 'questionnaire',
    prefLabel: {
      de: 'Fragebogen',
      en: 'Questionnaire',
      nl: 'Vragenlijst',
      uk: 'Анкета',
      fr: 'Questionnaire',
      sv: 'Enkät',
    },
    scopeNote: {
      de: 'auch Rechercheauftrag und WebQuest',
      en: 'also research assignment and WebQuest',
      nl: 'ook onderzoeksopdracht en WebQuest',
      uk: 'також дослідницьке завдання та веб-квест',
      fr: 'également mission de recherche et WebQuest',
      sv: 'även forskningsuppdrag och WebQuest',
    },
    curatedLabel: {
      en: 'Questionnaire',
      fr: 'Questionnaire',
      es: 'Cuestionario',
      ar: 'استبيان',
      zh: '问卷',
      ru: 'Анкета',
      pt: 'Questionário',
      sw: 'Dodoso',
    },
  },
  {
    notation: 'script',
    prefLabel: { de: 'Skript', en: 'Script', nl: 'Script', uk: 'Запис', fr: 'Script', sv: 'Skript' },
    scopeNote: {
      de: 'zum Beispiel Vorlesungsskript',
      en: 'for example lecture notes',
      nl: 'bijvoorbeeld collegedictaten',
      uk: 'наприклад конспект лекцій',
      fr: 'par exemple, script de cours',
      sv: 'till exempel föreläsningsanteckningar',
    },
    curatedLabel: {
      en: 'Lecture notes',
      fr: 'Support de cours',
      es: 'Apuntes',
      ar: 'مذكرات محاضرات',
      zh: '讲义',
      ru: 'Конспект лекций',
      pt: 'Apostila',
      sw: 'Maelezo ya mihadhara',
    },
  },
  {
    notation: 'sheet_music',
    prefLabel: {
      de: 'Musiknoten',
      en: 'Sheet Music',
      nl: 'Bladmuziek',
      uk: 'Ноти',
      cs: 'Noty',
      fr: 'Partition de musique',
      sv: 'Noter',
    },
    curatedLabel: {
      en: 'Sheet music',
      fr: 'Partition',
      es: 'Partitura',
      ar: 'نوتة موسيقية',
      zh: '乐谱',
      ru: 'Ноты',
      pt: 'Partitura',
      sw: 'Nota za muziki',
    },
  },
  {
    notation: 'simulation',
    prefLabel: {
      de: 'Simulation',
      en: 'Simulation',
      nl: 'Simulatie',
      uk: 'Симуляція',
      cs: 'Simulace',
      fr: 'Simulation',
      sv: 'Simulering',
    },
    curatedLabel: {
      en: 'Simulation',
      fr: 'Simulation',
      es: 'Simulación',
      ar: 'محاكاة',
      zh: '模拟',
      ru: 'Симуляция',
      pt: 'Simulação',
      sw: 'Uigaji',
    },
  },
  {
    notation: 'slide',
    prefLabel: {
      de: 'Präsentation',
      en: 'Presentation',
      nl: 'Presentatie',
      uk: 'Презентація',
      cs: 'Prezentace',
      fr: 'Présentation',
      sv: 'Presentation',
    },
    curatedLabel: {
      en: 'Presentation',
      fr: 'Présentation',
      es: 'Presentación',
      ar: 'عرض تقديمي',
      zh: '演示文稿',
      ru: 'Презентация',
      pt: 'Apresentação',
      sw: 'Wasilisho',
    },
  },
  {
    notation: 'text',
    prefLabel: {
      de: 'Textdokument',
      en: 'Text',
      nl: 'Tekst',
      uk: 'Текстовий документ',
      fr: 'Document texte',
      sv: 'Textdokument',
    },
    scopeNote: {
      de: 'zum Beispiel Artikel, Aufsatz, Abhandlung',
      en: 'for example article, essay',
      nl: 'bijvoorbeeld artikel, opstel, verhandeling',
      uk: 'наприклад, стаття, есе, трактат',
      fr: 'par exemple article, dissertation, essai',
      sv: 'till exempel artikel, uppsats, avhandling',
    },
    curatedLabel: {
      en: 'Text',
      fr: 'Document texte',
      es: 'Texto',
      ar: 'نص',
      zh: '文本',
      ru: 'Текст',
      pt: 'Texto',
      sw: 'Maandishi',
    },
  },
  {
    notation: 'textbook',
    prefLabel: {
      de: 'Lehrbuch',
      en: 'Textbook',
      nl: 'Studieboek',
      uk: 'Підручник',
      cs: 'Učebnice',
      fr: 'Manuel',
      sv: 'Lärobok',
    },
    curatedLabel: {
      en: 'Textbook',
      fr: 'Manuel',
      es: 'Libro de texto',
      ar: 'كتاب مدرسي',
      zh: '教科书',
      ru: 'Учебник',
      pt: 'Livro didático',
      sw: 'Kitabu cha kiada',
    },
  },
  {
    notation: 'video',
    prefLabel: { de: 'Video', en: 'Video', nl: 'Video', uk: 'Відео', cs: 'Video', fr: 'Vidéo', sv: 'Video' },
    curatedLabel: {
      en: 'Video',
      fr: 'Vidéo',
      es: 'Video',
      ar: 'فيديو',
      zh: '视频',
      ru: 'Видео',
      pt: 'Vídeo',
      sw: 'Video',
    },
  },
  {
    notation: 'web_page',
    prefLabel: {
      de: 'Webseite',
      en: 'Web Page',
      nl: 'Webpagina',
      uk: 'Веб-сайт',
      cs: 'Webová stránka',
      fr: 'Site web',
      sv: 'Webbsida',
    },
    curatedLabel: {
      en: 'Web page',
      fr: 'Page web',
      es: 'Página web',
      ar: 'صفحة ويب',
      zh: '网页',
      ru: 'Веб-страница',
      pt: 'Página web',
      sw: 'Ukurasa wa wavuti',
    },
  },
  {
    notation: 'worksheet',
    prefLabel: {
      de: 'Arbeitsmaterial',
      en: 'Worksheet',
      nl: 'Werkblad',
      uk: 'Робочий матеріал',
      fr: 'Matériel de travail',
      sv: 'Arbetsmaterial',
    },
    scopeNote: {
      de: 'zum Beispiel Arbeitsblatt',
      uk: 'наприклад робочий аркуш',
      fr: 'par exemple, feuille de travail',
      sv: 'till exempel arbetsblad',
    },
    curatedLabel: {
      en: 'Worksheet',
      fr: 'Fiche de travail',
      es: 'Hoja de trabajo',
      ar: 'ورقة عمل',
      zh: '学习单',
      ru: 'Рабочий лист',
      pt: 'Ficha de trabalho',
      sw: 'Karatasi ya kazi',
    },
  },
  {
    notation: 'other',
    prefLabel: {
      de: 'Sonstiges',
      en: 'Other',
      nl: 'Overigen',
      uk: 'Різне',
      cs: 'Jiné',
      fr: 'Divers',
      sv: 'Övrigt',
    },
    curatedLabel: {
      en: 'Other',
      fr: 'Autre',
      es: 'Otro',
      ar: 'أخرى',
      zh: '其他',
      ru: 'Другое',
      pt: 'Outro',
      sw: 'Nyingine',
    },
  },
];

/** Every HCRT concept, in the order of the scheme. */
export const HCRT_CONCEPTS: readonly HcrtConcept[] = ENTRIES.map((entry) => ({
  id: HCRT_NAMESPACE + entry.notation,
  notation: entry.notation,
  prefLabel: entry.prefLabel,
  altLabel: entry.altLabel ?? {},
  scopeNote: entry.scopeNote ?? {},
  curatedLabel: entry.curatedLabel,
}));

const BY_ID = new Map<string, HcrtConcept>(HCRT_CONCEPTS.map((c) => [c.id, c]));
const BY_NOTATION = new Map<string, HcrtConcept>(HCRT_CONCEPTS.map((c) => [c.notation, c]));

/**
 * The HCRT concept a URI names: https://w3id.org/kim/hcrt/video, its http:// form, with a trailing slash, or
 * the prefixed form hcrt:video. Undefined for anything else.
 */
export function hcrtEntry(id: string): HcrtConcept | undefined {
  const exact = BY_ID.get(id);
  if (exact !== undefined) return exact;
  const m = /^(?:https?:\/\/w3id\.org\/kim\/hcrt\/|hcrt:)([a-z_]+)\/?$/i.exec(id.trim());
  return m === null ? undefined : BY_NOTATION.get((m[1] ?? '').toLowerCase());
}

/** The concept by its notation ("video"), or undefined. */
export function hcrtByNotation(notation: string): HcrtConcept | undefined {
  return BY_NOTATION.get(notation);
}

const AS_PROFILE = new Map<string, ConceptValue>(
  HCRT_CONCEPTS.map((c) => [
    c.id,
    {
      id: c.id,
      prefLabel: { ...c.curatedLabel, ...c.prefLabel },
      inScheme: HCRT_SCHEME,
      notation: c.notation,
    },
  ]),
);

/**
 * The concept as the common profile carries it (id, prefLabel, inScheme, notation), or undefined when the id
 * is not an HCRT concept. prefLabel holds the HCRT labels, and the curated ones for languages HCRT lacks.
 */
export function hcrtConcept(id: string): ConceptValue | undefined {
  const entry = hcrtEntry(id);
  return entry === undefined ? undefined : AS_PROFILE.get(entry.id);
}

/** The label to show in a UI language: the curated one, or for other languages HCRT's own, else English. */
export function hcrtLabel(id: string, language: string): string | undefined {
  const entry = hcrtEntry(id);
  if (entry === undefined) return undefined;
  const lang = language.toLowerCase().split('-')[0] ?? '';
  if (Object.hasOwn(entry.curatedLabel, lang)) return entry.curatedLabel[lang as HcrtUiLanguage];
  return entry.prefLabel[lang] ?? entry.curatedLabel.en;
}
