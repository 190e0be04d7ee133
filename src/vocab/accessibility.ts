// The schema.org accessibility vocabulary: the recommended values of accessMode, accessModeSufficient,
// accessibilityFeature, accessibilityHazard, accessibilityControl and accessibilityAPI, in their canonical
// spelling, with their status and replacements.
// Sources: the LRMI concept schemes schemaorg-accessibilityFeature/Hazard/Control/API.ttl of dcmi/lrmi
// (http://purl.org/dcx/lrmi-vocabs/..., DCMI LRMI Task Group, CC BY 4.0): the terms they define and their en and
// de labels (`label`, `altLabel`, carried over; the prefLabel "High Contract Display" is corrected to "High
// Contrast Display" and kept as an altLabel); and, for terms the LRMI files predate (pageBreakMarkers, closedCaptions, the access modes,
// the unknown* hazards, NSAccessibility...) and for deprecations, the W3C "Schema.org Accessibility Properties
// for Discoverability Vocabulary" (W3C Community Group report). Labels marked `curated` are ours. Pure data.

export type AccessibilityProperty =
  | 'accessMode'
  | 'accessModeSufficient'
  | 'accessibilityFeature'
  | 'accessibilityHazard'
  | 'accessibilityControl'
  | 'accessibilityAPI';

export const ACCESSIBILITY_PROPERTIES: readonly AccessibilityProperty[] = [
  'accessMode',
  'accessModeSufficient',
  'accessibilityFeature',
  'accessibilityHazard',
  'accessibilityControl',
  'accessibilityAPI',
];

export interface AccessibilityTerm {
  /** The value in its canonical schema.org spelling ("alternativeText", "MathML", "noFlashingHazard"). */
  readonly term: string;
  /** Labels: en and de from the LRMI concept schemes where they define the term, otherwise ours (curated). */
  readonly label: Readonly<{ en: string; de?: string }>;
  /** skos:altLabel values of the LRMI concept schemes (en and de), when any. */
  readonly altLabel?: readonly string[];
  /** Whether `label` is ours rather than LRMI's. */
  readonly curated?: true;
  /** current; deprecated (use `replacedBy` when given); obsolete (still defined, no longer meaningful). */
  readonly status: 'current' | 'deprecated' | 'obsolete';
  readonly replacedBy?: string;
  /** Why a term is deprecated and how we treat it. */
  readonly note?: string;
}

/** The LRMI concept scheme URIs; a term's URI is the scheme URI followed by the term. */
export const LRMI_ACCESSIBILITY_SCHEMES: Readonly<Partial<Record<AccessibilityProperty, string>>> = {
  accessibilityFeature: 'http://purl.org/dcx/lrmi-vocabs/accessibilityFeature/',
  accessibilityHazard: 'http://purl.org/dcx/lrmi-vocabs/accessibilityHazard/',
  accessibilityControl: 'http://purl.org/dcx/lrmi-vocabs/accessibilityControl/',
  accessibilityAPI: 'http://purl.org/dcx/lrmi-vocabs/accessibilityAPI/',
};

const cur = (term: string, en: string, de?: string, altLabel?: readonly string[]): AccessibilityTerm => ({
  term,
  label: de === undefined ? { en } : { en, de },
  ...(altLabel === undefined ? {} : { altLabel }),
  status: 'current',
});
const ours = (term: string, en: string, de?: string): AccessibilityTerm => ({
  term,
  label: de === undefined ? { en } : { en, de },
  curated: true,
  status: 'current',
});

const ACCESS_MODES: readonly AccessibilityTerm[] = [
  ours('auditory', 'Auditory', 'Auditiv'),
  ours('chartOnVisual', 'Charts in visual form', 'Diagramme in visueller Form'),
  ours('chemOnVisual', 'Chemical equations in visual form', 'Chemische Formeln in visueller Form'),
  ours('colorDependent', 'Colour dependent', 'Farbabhängig'),
  ours('diagramOnVisual', 'Diagrams in visual form', 'Schaubilder in visueller Form'),
  ours('mathOnVisual', 'Mathematics in visual form', 'Mathematik in visueller Form'),
  ours('musicOnVisual', 'Musical notation in visual form', 'Notenschrift in visueller Form'),
  ours('tactile', 'Tactile', 'Taktil'),
  ours('textOnVisual', 'Text in visual form', 'Text in visueller Form'),
  ours('textual', 'Textual', 'Textuell'),
  ours('visual', 'Visual', 'Visuell'),
  {
    term: 'textOnImage',
    label: { en: 'Text on image' },
    curated: true,
    status: 'deprecated',
    replacedBy: 'textOnVisual',
    note: 'schema.org 1.0 spelling',
  },
];

const ACCESS_MODES_SUFFICIENT: readonly AccessibilityTerm[] = ACCESS_MODES.filter((t) =>
  ['auditory', 'tactile', 'textual', 'visual'].includes(t.term),
);

const FEATURES: readonly AccessibilityTerm[] = [
  // structure and navigation
  cur('annotations', 'Annotations', 'Anmerkungen', ['annotations', 'anmerkungen']),
  ours('ARIA', 'ARIA roles', 'ARIA-Rollen'),
  {
    term: 'bookmarks',
    label: { en: 'Book Marks', de: 'Lesezeichen' },
    altLabel: ['bookMarks', 'lesezeichen'],
    status: 'deprecated',
    replacedBy: 'tableOfContents',
    note: 'deprecated as ambiguous; W3C: PDF bookmarks are a tableOfContents (ebook bookmarks would be annotations)',
  },
  cur('index', 'Index', 'Index', ['index']),
  ours('pageBreakMarkers', 'Page break markers', 'Seitenumbruchmarken'),
  {
    term: 'printPageNumbers',
    label: { en: 'Print Page Number', de: 'Seitenzahl anzeigen' },
    altLabel: ['printPageNumber', 'seitenzahlAnzeigen'],
    status: 'deprecated',
    replacedBy: 'pageBreakMarkers',
    note: 'W3C: a synonym of pageBreakMarkers, which is to be used',
  },
  ours('pageNavigation', 'Page navigation', 'Seitennavigation'),
  cur('readingOrder', 'Reading Order', 'Lesereihenfolge', ['readingOrder', 'lesereihenfolge']),
  cur('structuralNavigation', 'Structural Navigation', 'Strukturelle Navigation', [
    'structuralNavigation',
    'trukturelleNavigation',
  ]),
  cur('tableOfContents', 'Table of Contents', 'Inhaltsverzeichnis', [
    'tableOfContents',
    'inhaltsverzeichnis',
  ]),
  cur('taggedPDF', 'Tagged PDF', 'markierte PDF', ['taggedPDF', 'markiertePDF']),
  // adaptation
  cur('alternativeText', 'Alternative Text', 'Alternativer Text', ['alternativeText', 'alternativerText']),
  cur('audioDescription', 'Audio Description', 'Audiodeskription', ['audioDescription', 'audiodeskription']),
  {
    term: 'captions',
    label: { en: 'Captions', de: 'Untertitel' },
    altLabel: ['captions', 'untertitel'],
    status: 'deprecated',
    note: 'W3C prefers closedCaptions or openCaptions; which one is meant cannot be told, so captions is kept',
  },
  ours('closedCaptions', 'Closed captions', 'Ausblendbare Untertitel'),
  ours('openCaptions', 'Open captions', 'Eingeblendete Untertitel'),
  cur('describedMath', 'Described Math', 'Beschriebene Mathematik', [
    'describedMath',
    'beschriebeneMathematik',
  ]),
  cur('longDescription', 'Long Description', 'lange Beschreibung', ['longDescription', 'langeBeschreibung']),
  ours('rubyAnnotations', 'Ruby annotations', 'Ruby-Annotationen'),
  cur('signLanguage', 'Sign Language', 'Gebärdensprache', ['signLanguage', 'gebärdensprache']),
  cur('transcript', 'Transcript', 'Transkript', ['transcript', 'transkript']),
  // rendering control
  cur('displayTransformability', 'Display Transformability', 'Transformierbarkeit der Anzeige', [
    'displayTransformability',
    'TransformierbarkeitDerAnzeige',
  ]),
  ours('synchronizedAudioText', 'Synchronized audio and text', 'Synchronisierter Ton und Text'),
  cur('timingControl', 'Timing Control', 'Zeitsteuerung', ['timingControl', 'zeitsteuerung']),
  cur('unlocked', 'Unlocked', 'Freigegeben', ['unlocked', 'freigegeben']),
  // specialized markup
  cur('ChemML', 'Chemical Markup Language', 'Chemical Markup Language', ['ChemML']),
  cur('latex', 'Latex', 'Latex', ['latex']),
  cur('MathML', 'Math ML', 'Math ML', ['MathML']),
  cur('ttsMarkup', 'TTS Markup', 'TTS Markup', ['ttsMarkup']),
  // clarity
  cur('highContrastAudio', 'High Contrast Audio', 'Hoher Audio-Kontrast', [
    'highContrastAudio',
    'hoherAudioKontrast',
  ]),
  cur('highContrastDisplay', 'High Contrast Display', 'Hoher Anzeige-Kontrast', [
    'highContrastDisplay',
    'hoherAnzeigeKontrast',
    'High Contract Display',
  ]),
  {
    term: 'highContrast',
    label: { en: 'High contrast' },
    curated: true,
    status: 'deprecated',
    replacedBy: 'highContrastDisplay',
    note: 'the accessibility metadata 1.0 term, split into highContrastDisplay and highContrastAudio',
  },
  cur('largePrint', 'Large Print', 'Großdruck', ['largePrint', 'großdruck']),
  // tactile
  cur('braille', 'Braille', 'Braille', ['braille']),
  cur('tactileGraphic', 'Tactile Graphic', 'Taktile Grafik', ['tactileGraphic', 'taktileGrafik']),
  cur('tactileObject', 'Tactile Object', 'Taktiles Objekt', ['tactileObject', 'taktilesObjekt']),
  cur('none', 'None', 'Keine', ['none', 'keine']),
  ours('unknown', 'Unknown', 'Unbekannt'),
];

const HAZARDS: readonly AccessibilityTerm[] = [
  cur('flashing', 'Flashing', 'Lichtblitz', ['flashing', 'Lichtblitz']),
  cur('noFlashingHazard', 'No Flashing Hazard', 'Keine Gefährdung durch Lichtblitze', [
    'noFlashingHazard',
    'keineLichtblitze',
  ]),
  ours('unknownFlashingHazard', 'Flashing hazard unknown', 'Gefährdung durch Lichtblitze unbekannt'),
  cur('motionSimulation', 'Motion Simulation', 'Bewegungssimulation', [
    'motionSimulation',
    'bewegungssimulation',
  ]),
  cur('noMotionSimulationHazard', 'No Motion Simulation Hazard', 'Keine Bewegungssimulation', [
    'noMotionSimulationHazard',
    'keineBewegungssimulation',
  ]),
  ours('unknownMotionSimulationHazard', 'Motion simulation hazard unknown', 'Bewegungssimulation unbekannt'),
  cur('sound', 'Sound', 'Geräusche', ['sound', 'geräusche']),
  cur('noSoundHazard', 'No Sound Hazard', 'keine Gefährdung durch Geräusche', [
    'noSoundHazard',
    'keineGeräuschgefährdung',
  ]),
  ours('unknownSoundHazard', 'Sound hazard unknown', 'Gefährdung durch Geräusche unbekannt'),
  ours('none', 'None', 'Keine'),
  ours('unknown', 'Unknown', 'Unbekannt'),
];

const CONTROLS: readonly AccessibilityTerm[] = [
  cur('fullKeyboardControl', 'Full Keyboard Control', 'Vollständige Tastatursteuerung', [
    'fullKeyboardControl',
    'vollständigeTastatursteuerung',
  ]),
  cur('fullMouseControl', 'Full Mouse Control', 'Vollständige Maussteuerung', [
    'fullMouseControl',
    'vollständigeMaussteuerung',
  ]),
  cur('fullSwitchControl', 'Full Switch Control', 'Vollständige Controllersteuerung', [
    'fullSwitchControl',
    'vollständigeControllersteuerung',
  ]),
  cur('fullTouchControl', 'Full Touch Control', 'Vollständige Berührungssteuerung', [
    'fullTouchControl',
    'vollständigeBerührungssteuerung',
  ]),
  cur('fullVideoControl', 'Full Video Control', 'Vollständige Videosteuerung', [
    'fullVideoControl',
    'vollständigeVideosteuerung',
  ]),
  cur('fullVoiceControl', 'Full Voice Control', 'Vollständige Sprachsteuerung', [
    'fullVoiceControl',
    'vollständigeSprachsteuerung',
  ]),
];

const APIS: readonly AccessibilityTerm[] = [
  cur('AndroidAccessibility', 'Android Accessibility', 'Android Accessibility', ['AndroidAccessibility']),
  {
    term: 'ARIA',
    label: { en: 'ARIA', de: 'ARIA' },
    status: 'deprecated',
    note: 'ARIA is no accessibility API; W3C: state it as the accessibilityFeature ARIA. Kept as given here.',
  },
  cur('ATK', 'ATK', 'ATK'),
  cur('AT-SPI', 'AT-SPI', 'AT-SPI'),
  {
    term: 'BlackberryAccessibility',
    label: { en: 'Blackberry Accessibility', de: 'Blackberry-Accessibility' },
    altLabel: ['BlackberryAccessibility'],
    status: 'obsolete',
    note: 'BlackBerry OS is no longer maintained',
  },
  cur('iAccessible2', 'iAccessible2', 'iAccessible2', ['iAccessible2']),
  {
    term: 'iOSAccessibility',
    label: { en: 'iOS Accessibility', de: 'iOS-Accessibility' },
    altLabel: ['iOSAccessibility'],
    status: 'deprecated',
    replacedBy: 'UIAccessibility',
    note: 'the iOS API is UIAccessibility (UIKit)',
  },
  cur('JavaAccessibility', 'Java Accessibility', 'Java-Accessibility', ['JavaAccessibility']),
  {
    term: 'MacOSXAccessibility',
    label: { en: 'Mac OSX Accessibility', de: 'MAC OSX-Accessibility' },
    altLabel: ['MacOSXAccessibility', 'MACOSXAccessibility'],
    status: 'deprecated',
    replacedBy: 'NSAccessibility',
    note: 'the macOS API is NSAccessibility (AppKit)',
  },
  cur('MSAA', 'MSAA', 'MSAA', ['Microsoft Active Accessibility']),
  ours('NSAccessibility', 'NSAccessibility (macOS)'),
  ours('UIAccessibility', 'UIAccessibility (iOS)'),
  cur('UIAutomation', 'UI Automation', 'UI Automation', ['UIAutomation']),
];

/** Every recommended value of each property, deprecated ones included (with their replacement). */
export const ACCESSIBILITY_VOCABULARY: Readonly<Record<AccessibilityProperty, readonly AccessibilityTerm[]>> =
  {
    accessMode: ACCESS_MODES,
    accessModeSufficient: ACCESS_MODES_SUFFICIENT,
    accessibilityFeature: FEATURES,
    accessibilityHazard: HAZARDS,
    accessibilityControl: CONTROLS,
    accessibilityAPI: APIS,
  };

const BY_TERM = new Map<string, AccessibilityTerm>();
for (const property of ACCESSIBILITY_PROPERTIES) {
  for (const t of ACCESSIBILITY_VOCABULARY[property]) BY_TERM.set(`${property} ${t.term}`, t);
}

/** The vocabulary entry of a value in its canonical spelling, or undefined. */
export function accessibilityTerm(
  property: AccessibilityProperty,
  term: string,
): AccessibilityTerm | undefined {
  return BY_TERM.get(`${property} ${term}`);
}
