// Words for the schema.org accessibility values in en, de, fr and es (and spellings seen in metadata), per
// property, and the phrases that free text uses to state features and hazards. Written by us; the values
// are the canonical schema.org terms of src/vocab/accessibility.ts. Matching folds case, diacritics, spaces
// and hyphens, so "Sous-titres" and "sous titres" are one entry. Pure data; never performs I/O.
import type { AccessibilityProperty } from '../vocab/accessibility.js';

export type WordTable = Readonly<Record<string, string>>;

/** Other spellings of values, and words, per property (value -> canonical term). */
export const WORDS: Readonly<Record<AccessibilityProperty, WordTable>> = {
  accessMode: {
    audio: 'auditory',
    auditiv: 'auditory',
    auditif: 'auditory',
    auditivo: 'auditory',
    horen: 'auditory',
    taktil: 'tactile',
    tactil: 'tactile',
    text: 'textual',
    textuell: 'textual',
    textuel: 'textual',
    texte: 'textual',
    visuell: 'visual',
    visuel: 'visual',
    'colour dependent': 'colorDependent',
    'color dependent': 'colorDependent',
    farbabhangig: 'colorDependent',
    'text on image': 'textOnVisual',
  },
  accessModeSufficient: {
    audio: 'auditory',
    auditiv: 'auditory',
    auditif: 'auditory',
    auditivo: 'auditory',
    taktil: 'tactile',
    tactil: 'tactile',
    text: 'textual',
    textuell: 'textual',
    textuel: 'textual',
    visuell: 'visual',
    visuel: 'visual',
  },
  accessibilityFeature: {
    // alternativeText
    'alt text': 'alternativeText',
    alttext: 'alternativeText',
    'alternative texts': 'alternativeText',
    'text alternative': 'alternativeText',
    'text alternatives': 'alternativeText',
    alternativtext: 'alternativeText',
    alternativtexte: 'alternativeText',
    'texte alternatif': 'alternativeText',
    'textes alternatifs': 'alternativeText',
    'texto alternativo': 'alternativeText',
    // captions
    caption: 'captions',
    captioned: 'captions',
    captioning: 'captions',
    subtitles: 'captions',
    subtitled: 'captions',
    untertitelung: 'captions',
    untertitelt: 'captions',
    'sous titres': 'captions',
    'sous titrage': 'captions',
    'sous titre': 'captions',
    subtitulos: 'captions',
    subtitulado: 'captions',
    'closed caption': 'closedCaptions',
    'closed captioning': 'closedCaptions',
    'open caption': 'openCaptions',
    // transcript
    transcripts: 'transcript',
    transcription: 'transcript',
    transkription: 'transcript',
    transcripcion: 'transcript',
    // audioDescription
    'audio description': 'audioDescription',
    'audio descriptions': 'audioDescription',
    audiodescription: 'audioDescription',
    'audio described': 'audioDescription',
    horfilmfassung: 'audioDescription',
    audiodescripcion: 'audioDescription',
    // signLanguage
    'sign language interpretation': 'signLanguage',
    gebardensprachdolmetschung: 'signLanguage',
    'langue des signes': 'signLanguage',
    'lengua de senas': 'signLanguage',
    'lengua de signos': 'signLanguage',
    'lenguaje de senas': 'signLanguage',
    // longDescription
    'extended description': 'longDescription',
    'extended descriptions': 'longDescription',
    'long descriptions': 'longDescription',
    'description longue': 'longDescription',
    'description detaillee': 'longDescription',
    'descripcion larga': 'longDescription',
    'descripcion extendida': 'longDescription',
    // largePrint
    grossdruck: 'largePrint',
    'gros caracteres': 'largePrint',
    macrotipo: 'largePrint',
    'letra grande': 'largePrint',
    // braille
    brailleschrift: 'braille',
    punktschrift: 'braille',
    // tableOfContents
    toc: 'tableOfContents',
    'table des matieres': 'tableOfContents',
    'tabla de contenidos': 'tableOfContents',
    'tabla de contenido': 'tableOfContents',
    // highContrastDisplay
    'high contrast display': 'highContrastDisplay',
    'hoher kontrast': 'highContrastDisplay',
    kontrastreich: 'highContrastDisplay',
    'contraste eleve': 'highContrastDisplay',
    'haut contraste': 'highContrastDisplay',
    'alto contraste': 'highContrastDisplay',
    // structure and navigation
    'strukturelle navigation': 'structuralNavigation',
    'navigation structurelle': 'structuralNavigation',
    'navegacion estructural': 'structuralNavigation',
    'ordre de lecture': 'readingOrder',
    'orden de lectura': 'readingOrder',
    'page numbers': 'pageBreakMarkers',
    'wai aria': 'ARIA',
    'pdf ua': 'taggedPDF',
    'getaggtes pdf': 'taggedPDF',
    'pdf balise': 'taggedPDF',
    'pdf etiquetado': 'taggedPDF',
    // rendering, markup
    'resize text': 'displayTransformability',
    resizetext: 'displayTransformability',
    'math ml': 'MathML',
    'chemical markup language': 'ChemML',
    'drm free': 'unlocked',
    'book marks': 'bookmarks',
    // none / unknown
    keine: 'none',
    aucune: 'none',
    aucun: 'none',
    ninguna: 'none',
    ninguno: 'none',
    unbekannt: 'unknown',
    inconnu: 'unknown',
    desconocido: 'unknown',
  },
  accessibilityHazard: {
    flash: 'flashing',
    flashes: 'flashing',
    'flashing lights': 'flashing',
    lichtblitze: 'flashing',
    blitzlicht: 'flashing',
    flackern: 'flashing',
    clignotement: 'flashing',
    destellos: 'flashing',
    parpadeo: 'flashing',
    flashinghazard: 'flashing',
    'motion simulation hazard': 'motionSimulation',
    'simulation de mouvement': 'motionSimulation',
    'simulacion de movimiento': 'motionSimulation',
    'sound hazard': 'sound',
    gerausch: 'sound',
    bruit: 'sound',
    sonido: 'sound',
    ruido: 'sound',
    'no hazard': 'none',
    'no hazards': 'none',
    keine: 'none',
    aucun: 'none',
    ninguno: 'none',
    unbekannt: 'unknown',
    inconnu: 'unknown',
    desconocido: 'unknown',
  },
  accessibilityControl: {
    keyboard: 'fullKeyboardControl',
    'keyboard control': 'fullKeyboardControl',
    'keyboard accessible': 'fullKeyboardControl',
    tastatur: 'fullKeyboardControl',
    tastatursteuerung: 'fullKeyboardControl',
    tastaturbedienbar: 'fullKeyboardControl',
    clavier: 'fullKeyboardControl',
    teclado: 'fullKeyboardControl',
    mouse: 'fullMouseControl',
    maus: 'fullMouseControl',
    souris: 'fullMouseControl',
    raton: 'fullMouseControl',
    switch: 'fullSwitchControl',
    touch: 'fullTouchControl',
    touchscreen: 'fullTouchControl',
    tactile: 'fullTouchControl',
    tactil: 'fullTouchControl',
    voice: 'fullVoiceControl',
    'voice control': 'fullVoiceControl',
    sprachsteuerung: 'fullVoiceControl',
    'commande vocale': 'fullVoiceControl',
    'control por voz': 'fullVoiceControl',
    video: 'fullVideoControl',
  },
  accessibilityAPI: {
    'wai aria': 'ARIA',
    'ui automation': 'UIAutomation',
    uia: 'UIAutomation',
    'microsoft active accessibility': 'MSAA',
    android: 'AndroidAccessibility',
    ios: 'iOSAccessibility',
    'mac os x': 'MacOSXAccessibility',
    macos: 'MacOSXAccessibility',
    osx: 'MacOSXAccessibility',
    java: 'JavaAccessibility',
    'java access bridge': 'JavaAccessibility',
    iaccessible: 'iAccessible2',
    atspi: 'AT-SPI',
  },
};

/** Words that, before a hazard, state its absence ("no flashing", "keine Lichtblitze", "sin destellos"). */
export const HAZARD_NEGATORS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'without',
  'non',
  'kein',
  'keine',
  'keinen',
  'ohne',
  'pas',
  'sans',
  'aucun',
  'aucune',
  'sin',
  'ningun',
  'ninguna',
  'ninguno',
  'sem',
  'nenhum',
  'nenhuma',
]);

/** Words that, before a hazard, state it is unknown ("unknown flashing", "flashing unknown"). */
export const HAZARD_UNKNOWN: ReadonlySet<string> = new Set([
  'unknown',
  'unbekannt',
  'inconnu',
  'desconocido',
]);

/** A phrase of free text that states a feature or a hazard, as a regular expression over folded text. */
export interface TextPattern {
  readonly kind: 'feature' | 'hazard';
  readonly value: string;
  readonly pattern: string;
  /** The phrase states an absence by itself ("no DRM", "no hazards"): negation cues are not looked for. */
  readonly selfNegating?: true;
}

// Patterns run over folded text (lower case, no diacritics). Word edges are added by the matcher.
export const TEXT_PATTERNS: readonly TextPattern[] = [
  { kind: 'feature', value: 'closedCaptions', pattern: 'closed[ -]?caption(?:s|ed|ing)?' },
  { kind: 'feature', value: 'openCaptions', pattern: 'open captions?' },
  {
    kind: 'feature',
    value: 'captions',
    pattern:
      'captions|captioned|captioning|subtitles|subtitled|subtitling|untertitel\\w*|sous[ -]?titr\\w*|subtitul\\w*',
  },
  {
    kind: 'feature',
    value: 'transcript',
    pattern: 'transcripts?|transcriptions?|transkript\\w*|transcripcion\\w*',
  },
  {
    kind: 'feature',
    value: 'alternativeText',
    pattern:
      'alt[ -]?texts?|alternative texts?|text alternatives?|alt[ -]attributes?|alternativ(?:er|e|en)?[ -]?texte?n?|textes? alternatifs?|textos? alternativos?',
  },
  {
    kind: 'feature',
    value: 'audioDescription',
    pattern: 'audio[ -]?descri\\w*|audiodeskription\\w*|horfilm\\w*|audiodescripcion\\w*|audio[ -]described',
  },
  {
    kind: 'feature',
    value: 'signLanguage',
    pattern: 'sign language|gebardensprach\\w*|langue des signes|lengua(?:je)? de (?:senas|signos)',
  },
  {
    kind: 'feature',
    value: 'longDescription',
    pattern:
      'long descriptions?|extended descriptions?|lange beschreibung\\w*|descriptions? (?:longues?|detaillees?)|descripcion(?:es)? (?:largas?|extendidas?)',
  },
  {
    kind: 'feature',
    value: 'largePrint',
    pattern: 'large print|grossdruck|gros caracteres|macrotipo|letra grande',
  },
  { kind: 'feature', value: 'braille', pattern: 'braille\\w*|punktschrift' },
  {
    kind: 'feature',
    value: 'tableOfContents',
    pattern: 'table of contents|inhaltsverzeichnis\\w*|table des matieres|tabla de contenidos?',
  },
  {
    kind: 'feature',
    value: 'highContrastDisplay',
    pattern:
      'high[ -]contrast|hohe[nmr]? kontrast\\w*|kontrastreich\\w*|contraste eleve|(?:fort|haut) contraste|alto contraste',
  },
  {
    kind: 'feature',
    value: 'structuralNavigation',
    pattern: 'structural navigation|strukturelle navigation|navigation structurelle|navegacion estructural',
  },
  {
    kind: 'feature',
    value: 'readingOrder',
    pattern: 'reading order|lesereihenfolge|ordre de lecture|orden de lectura',
  },
  {
    kind: 'feature',
    value: 'taggedPDF',
    pattern: 'tagged pdfs?|pdf/ua|getaggte\\w* pdf|pdf balise|pdf etiquetado',
  },
  { kind: 'feature', value: 'MathML', pattern: 'mathml' },
  { kind: 'feature', value: 'describedMath', pattern: 'described math(?:ematics)?' },
  { kind: 'feature', value: 'ARIA', pattern: 'wai[ -]aria|aria (?:roles?|landmarks?|labels?|attributes?)' },
  {
    kind: 'feature',
    value: 'tactileGraphic',
    pattern: 'tactile graphics?|taktile grafik\\w*|graphiques? tactiles?',
  },
  { kind: 'feature', value: 'synchronizedAudioText', pattern: 'synchroni[sz]ed (?:audio|text|narration)' },
  { kind: 'feature', value: 'unlocked', pattern: 'drm[ -]free' },
  {
    kind: 'feature',
    value: 'unlocked',
    pattern: '(?:no|without|ohne|kein|sans|sin) drm',
    selfNegating: true,
  },
  {
    kind: 'hazard',
    value: 'flashing',
    pattern:
      'flashing|flashes|flash(?:ing)? lights?|strob\\w*|lichtblitz\\w*|blitzlicht\\w*|flacker\\w*|clignot\\w*|flashs? lumineux|destell\\w*|parpade\\w*',
  },
  {
    kind: 'hazard',
    value: 'motionSimulation',
    pattern:
      'motion simulation|motion sickness|bewegungssimulation\\w*|simulation de mouvement|simulacion de movimiento',
  },
  {
    kind: 'hazard',
    value: 'sound',
    pattern:
      'loud (?:sounds?|noises?)|sudden (?:loud )?(?:sounds?|noises?)|sound hazards?|laute\\w* (?:gerausch\\w*|tone?)|bruits? forts?|ruidos? fuertes?',
  },
  {
    kind: 'hazard',
    value: 'none',
    pattern:
      'no (?:known )?hazards?|hazard[ -]free|keine (?:bekannten )?gefahr\\w*|aucun (?:risque|danger)|ningun (?:riesgo|peligro)',
    selfNegating: true,
  },
];

/** Cues before a phrase (up to six words back, within the sentence) that deny it. */
export const NEGATION_BEFORE: ReadonlySet<string> = new Set([
  'no',
  'not',
  'without',
  'none',
  'never',
  'neither',
  'nor',
  'lacks',
  'lacking',
  'missing',
  'kein',
  'keine',
  'keinen',
  'keiner',
  'keines',
  'ohne',
  'nicht',
  'weder',
  'fehlt',
  'fehlen',
  'fehlende',
  'pas',
  'sans',
  'aucun',
  'aucune',
  'ni',
  'non',
  'jamais',
  'sin',
  'ningun',
  'ninguna',
  'ninguno',
  'nunca',
  'sem',
  'nao',
  'nenhum',
  'nenhuma',
]);

/** Cues before a feature that make it uncertain or partial: the feature is not claimed. */
export const UNCERTAIN_BEFORE: ReadonlySet<string> = new Set([
  'partial',
  'partially',
  'some',
  'planned',
  'future',
  'will',
  'teilweise',
  'einige',
  'geplant',
  'partiel',
  'partielle',
  'partiellement',
  'certains',
  'certaines',
  'parcial',
  'parcialmente',
  'algunos',
  'algunas',
]);

/** Cues after a phrase, later in the same sentence, that deny it ("captions: no", "nicht vorhanden"). */
export const NEGATION_AFTER =
  /^\s*[:=-]?\s*(?:no|none|nein|non|keine?)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:not (?:yet )?(?:available|provided|included|present|supported)|unavailable|missing|absent|lacking|nicht (?:vorhanden|verfugbar|enthalten)|fehlt|fehlen|non disponibles?|pas disponibles?|indisponibles?|no (?:esta|estan) disponibles?|no disponibles?|no incluid[oa]s?)(?![\p{L}\p{N}])/u;

/** Cues after a feature, later in the same sentence, that make it uncertain ("planned", "on request"). */
export const UNCERTAIN_AFTER =
  /(?<![\p{L}\p{N}])(?:planned|coming soon|on request|upon request|in preparation|geplant|auf anfrage|in vorbereitung|prevus?|prevues?|sur demande|en preparation|previstos?|previstas?|bajo pedido|a peticion|en preparacion)(?![\p{L}\p{N}])/u;

/** Words that end the reach of a negation: what follows is said of something else. */
export const CONTRAST_WORDS: ReadonlySet<string> = new Set([
  'but',
  'however',
  'although',
  'whereas',
  'aber',
  'jedoch',
  'sondern',
  'allerdings',
  'mais',
  'cependant',
  'pourtant',
  'pero',
  'sino',
  'aunque',
  'embargo',
  'porem',
]);

/** Words before "captions" that make them figure or table captions, which are no accessibility feature. */
export const CAPTION_OF_STILL: ReadonlySet<string> = new Set([
  'figure',
  'figures',
  'image',
  'images',
  'photo',
  'photos',
  'picture',
  'pictures',
  'table',
  'tables',
  'chart',
  'charts',
  'abbildung',
  'abbildungen',
  'bild',
  'bilder',
  'tabelle',
  'tabellen',
  'tableau',
  'tableaux',
  'imagen',
  'imagenes',
  'figura',
  'figuras',
]);
