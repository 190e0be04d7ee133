// What licence statements are made of: the names of the Creative Commons licence elements in the languages
// of our sources (as the translated licence titles spell them, old and current versions), the
// jurisdiction ports, the words that may surround a licence name, phrases for the public domain and for
// "all rights reserved", and the other open licences we recognise with their SPDX identifiers.
// Pure data.
import type { LicenseGroupValue } from '../domain/profile.js';

export type CcElement = 'by' | 'nc' | 'sa' | 'nd';

/** Element names per language, written as a person would; they are compared squashed (see license-text). */
export const CC_ELEMENT_NAMES: Readonly<Record<string, Readonly<Record<CcElement, readonly string[]>>>> = {
  en: {
    by: ['Attribution'],
    nc: ['NonCommercial', 'Noncommercial', 'Non-Commercial'],
    sa: ['ShareAlike', 'Share Alike'],
    nd: ['NoDerivatives', 'NoDerivs', 'No Derivative Works', 'No Derivative'],
  },
  de: {
    by: ['Namensnennung'],
    nc: ['Nicht kommerziell', 'NichtKommerziell', 'Keine kommerzielle Nutzung', 'Nicht-kommerziell'],
    sa: ['Weitergabe unter gleichen Bedingungen', 'Änderungen unter gleichen Bedingungen'],
    nd: ['Keine Bearbeitungen', 'Keine Bearbeitung'],
  },
  fr: {
    by: ['Paternité', 'Attribution'],
    nc: ["Pas d'Utilisation Commerciale"],
    sa: [
      'Partage dans les Mêmes Conditions',
      "Partage des Conditions Initiales à l'Identique",
      'Partage à l’identique',
      "Partage a l'identique",
    ],
    nd: ['Pas de Modification'],
  },
  es: {
    by: ['Reconocimiento', 'Atribución'],
    nc: ['NoComercial', 'No Comercial'],
    sa: ['CompartirIgual', 'Compartir Igual', 'LicenciarIgual'],
    nd: ['SinObraDerivada', 'Sin Obra Derivada', 'SinDerivadas', 'Sin Derivadas'],
  },
  pt: {
    by: ['Atribuição'],
    nc: ['NãoComercial', 'Não Comercial', 'Uso Não-Comercial'],
    sa: ['CompartilhaIgual', 'Compartilha Igual', 'Compartilhamento pela mesma Licença'],
    nd: ['SemDerivações', 'Sem Derivações', 'SemDerivados', 'Vedada a Criação de Obras Derivadas'],
  },
  it: {
    by: ['Attribuzione'],
    nc: ['Non commerciale'],
    sa: ['Condividi allo stesso modo'],
    nd: ['Non opere derivate'],
  },
  nl: {
    by: ['Naamsvermelding'],
    nc: ['NietCommercieel', 'Niet Commercieel'],
    sa: ['GelijkDelen', 'Gelijk Delen'],
    nd: ['GeenAfgeleideWerken', 'Geen Afgeleide Werken'],
  },
  ca: {
    by: ['Reconeixement', 'Atribució'],
    nc: ['NoComercial'],
    sa: ['CompartirIgual'],
    nd: ['SenseObraDerivada', 'Sense Obra Derivada', 'SenseDerivades'],
  },
  pl: {
    by: ['Uznanie autorstwa'],
    nc: ['Użycie niekomercyjne', 'Niekomercyjne'],
    sa: ['Na tych samych warunkach'],
    nd: ['Bez utworów zależnych'],
  },
  ru: {
    by: ['Атрибуция', 'С указанием авторства'],
    nc: ['Некоммерческое', 'Некоммерческая'],
    sa: ['СохранениеУсловий', 'С сохранением условий', 'На тех же условиях'],
    nd: ['БезПроизводных', 'Без производных'],
  },
  ar: {
    by: ['نسب المصنف', 'نسب المُصنَّف'],
    nc: ['غير تجاري'],
    sa: ['الترخيص بالمثل'],
    nd: ['منع الاشتقاق'],
  },
  zh: {
    by: ['署名'],
    nc: ['非商业性使用', '非商業性使用', '非商业', '非商業'],
    sa: ['相同方式共享', '相同方式分享'],
    nd: ['禁止演绎', '禁止改作'],
  },
};

/** Ways of naming Creative Commons itself. */
export const CC_NAMES: readonly string[] = [
  'Creative Commons',
  'CreativeCommons',
  'Криэйтив Коммонс',
  'Creative Commons лицензия',
  'المشاع الإبداعي',
  '知识共享',
  '創用CC',
  '创作共用',
];

/**
 * Words that may stand around a licence name without changing it ("4.0 International License",
 * "Lizenz", "Unported"). A name counts as the whole statement only when nothing else is left.
 */
export const FILLER_WORDS: readonly string[] = [
  'creative commons',
  'licenses',
  'license',
  'licences',
  'licence',
  'lizenz',
  'licencia',
  'licença',
  'licenza',
  'licentie',
  'llicència',
  'licencja',
  'лицензия',
  'ترخيص',
  'رخصة',
  '许可协议',
  '许可',
  '协议',
  '授權條款',
  'internationale',
  'international',
  'internacional',
  'internazionale',
  'internationaal',
  'międzynarodowe',
  'международная',
  'الدولية',
  '国际',
  '國際',
  'unported',
  'generic',
  'générique',
  'genérica',
  'version',
  'versão',
  'versión',
  'deed',
  'legalcode',
  'cc',
  'by',
  'nc',
  'sa',
  'nd',
  'igo',
];

/** Jurisdiction ports of the Creative Commons 1.0-3.0 licences, as they appear in deed URIs. */
export const CC_PORTS: ReadonlySet<string> = new Set(
  (
    'am ar at au az be bg br ca ch cl cn co cr cz de dk ec ee eg es eu fi fr ge gr gt hk hr hu ie igo il in it ' +
    'jp kr lu mk mt mx my nl no nz pe ph pl pr pt ro rs ru scotland se sg si sk th tw ua ug uk us ve vn za'
  ).split(' '),
);

/** Country names written after a ported licence name ("3.0 Deutschland"), folded, to their port code. */
export const PORT_NAMES: Readonly<Record<string, string>> = {
  deutschland: 'de',
  germany: 'de',
  osterreich: 'at',
  austria: 'at',
  schweiz: 'ch',
  switzerland: 'ch',
  suisse: 'ch',
  france: 'fr',
  espana: 'es',
  espanya: 'es',
  spain: 'es',
  brasil: 'br',
  brazil: 'br',
  portugal: 'pt',
  italia: 'it',
  italy: 'it',
  nederland: 'nl',
  netherlands: 'nl',
  polska: 'pl',
  poland: 'pl',
  chile: 'cl',
  argentina: 'ar',
  mexico: 'mx',
  colombia: 'co',
  peru: 'pe',
  ecuador: 'ec',
  canada: 'ca',
  belgie: 'be',
  belgique: 'be',
  belgium: 'be',
  australia: 'au',
  india: 'in',
  'south africa': 'za',
  'united states': 'us',
  'estados unidos': 'us',
  igo: 'igo',
};

/** Phrases that put a work in the public domain (any language), folded. */
export const PUBLIC_DOMAIN_PHRASES: readonly string[] = [
  'public domain',
  'domaine public',
  'dominio publico',
  'domínio público',
  'dominio pubblico',
  'pubblico dominio',
  'gemeinfrei',
  'publiek domein',
  'domini public',
  'domena publiczna',
  'domenie publicznej',
  'domeny publicznej',
  'общественное достояние',
  'общественном достоянии',
  'الملكية العامة',
  'الملك العام',
  '公有领域',
  '公共领域',
  '公有領域',
];

/** Phrases that reserve every right (any language), folded. */
export const ALL_RIGHTS_RESERVED_PHRASES: readonly string[] = [
  'all rights reserved',
  'alle rechte vorbehalten',
  'tous droits reserves',
  'todos los derechos reservados',
  'todos os direitos reservados',
  'tutti i diritti riservati',
  'alle rechten voorbehouden',
  'tots els drets reservats',
  'wszelkie prawa zastrzezone',
  'все права защищены',
  'جميع الحقوق محفوظة',
  '版权所有',
  '版權所有',
  '保留所有权利',
  'copyrighted',
];

/** Statements that say nothing about the licence. */
export const UNKNOWN_PHRASES: readonly string[] = [
  'unknown',
  'n/a',
  'na',
  'none',
  'not specified',
  'unspecified',
  'no license',
  'keine angabe',
  'keine lizenzangabe',
  'unbekannt',
  'inconnu',
  'inconnue',
  'non spécifié',
  'desconocido',
  'desconocida',
  'desconhecido',
  'sconosciuto',
  'onbekend',
  'nieznany',
  'неизвестно',
  'غير معروف',
  '未知',
  '-',
  '?',
];

export interface SpdxLicense {
  readonly id: string;
  readonly group: LicenseGroupValue;
  /** Other ways the identifier is written (deprecated SPDX ids, common short forms), compared folded. */
  readonly aliases?: readonly string[];
  /** Names in running text. */
  readonly names?: readonly RegExp[];
  /** Home pages and licence texts that identify the licence. */
  readonly urls?: readonly RegExp[];
}

/** Open licences other than Creative Commons, by their SPDX identifiers. */
export const SPDX_LICENSES: readonly SpdxLicense[] = [
  {
    id: 'MIT',
    group: 'other-open',
    aliases: ['Expat'],
    names: [/\bmit licen[cs]e\b/i],
    urls: [/opensource\.org\/licen[cs]es\/mit\b/i],
  },
  {
    id: 'Apache-2.0',
    group: 'other-open',
    aliases: ['Apache 2.0', 'Apache 2', 'Apache License 2.0', 'ASL 2.0'],
    names: [/\bapache licen[cs]e,? (?:version )?2(?:\.0)?\b/i],
    urls: [/apache\.org\/licenses\/LICENSE-2\.0/i, /opensource\.org\/licenses\/apache-2\.0/i],
  },
  {
    id: 'GPL-2.0-or-later',
    group: 'other-open',
    aliases: ['GPL-2.0+', 'GPLv2+', 'GPL-2.0-or-later'],
    names: [
      /\bgnu general public licen[cs]e,? (?:version |v)?2(?:\.0)?,? or (?:\(at your option\) )?(?:any )?later/i,
    ],
  },
  {
    id: 'GPL-2.0-only',
    group: 'other-open',
    aliases: ['GPL-2.0', 'GPLv2', 'GPL v2', 'GPL 2.0', 'GPL2'],
    names: [/\bgnu general public licen[cs]e,? (?:version |v)?2(?:\.0)?\b/i],
    urls: [/gnu\.org\/licenses\/(?:old-licenses\/)?gpl-2\.0/i],
  },
  {
    id: 'GPL-3.0-or-later',
    group: 'other-open',
    aliases: ['GPL-3.0+', 'GPLv3+', 'GPL-3.0-or-later'],
    names: [
      /\bgnu general public licen[cs]e,? (?:version |v)?3(?:\.0)?,? or (?:\(at your option\) )?(?:any )?later/i,
    ],
  },
  {
    id: 'GPL-3.0-only',
    group: 'other-open',
    aliases: ['GPL-3.0', 'GPLv3', 'GPL v3', 'GPL 3.0', 'GPL3', 'GNU GPL v3', 'GNU GPLv3'],
    names: [/\bgnu general public licen[cs]e,? (?:version |v)?3(?:\.0)?\b/i],
    urls: [/gnu\.org\/licenses\/gpl-3\.0/i, /gnu\.org\/licenses\/gpl\.html/i],
  },
  {
    id: 'LGPL-2.1-only',
    group: 'other-open',
    aliases: ['LGPL-2.1', 'LGPLv2.1', 'LGPL 2.1'],
    names: [/\bgnu lesser general public licen[cs]e,? (?:version |v)?2\.1\b/i],
    urls: [/gnu\.org\/licenses\/(?:old-licenses\/)?lgpl-2\.1/i],
  },
  {
    id: 'LGPL-3.0-only',
    group: 'other-open',
    aliases: ['LGPL-3.0', 'LGPLv3', 'LGPL 3.0', 'LGPL3'],
    names: [/\bgnu lesser general public licen[cs]e,? (?:version |v)?3(?:\.0)?\b/i],
    urls: [/gnu\.org\/licenses\/lgpl-3\.0/i, /gnu\.org\/licenses\/lgpl\.html/i],
  },
  {
    id: 'AGPL-3.0-only',
    group: 'other-open',
    aliases: ['AGPL-3.0', 'AGPLv3', 'AGPL 3.0'],
    names: [/\bgnu affero general public licen[cs]e,? (?:version |v)?3(?:\.0)?\b/i],
    urls: [/gnu\.org\/licenses\/agpl-3\.0/i],
  },
  {
    id: 'GFDL-1.3-only',
    group: 'other-open',
    aliases: ['GFDL-1.3', 'GFDL 1.3', 'GNU FDL 1.3', 'FDL 1.3'],
    names: [/\bgnu free documentation licen[cs]e,? (?:version |v)?1\.3\b/i],
    urls: [/gnu\.org\/licenses\/fdl-1\.3/i, /gnu\.org\/copyleft\/fdl\.html/i],
  },
  {
    id: 'GFDL-1.2-only',
    group: 'other-open',
    aliases: ['GFDL-1.2', 'GFDL 1.2', 'GNU FDL 1.2'],
    names: [/\bgnu free documentation licen[cs]e,? (?:version |v)?1\.2\b/i],
    urls: [/gnu\.org\/licenses\/old-licenses\/fdl-1\.2/i],
  },
  {
    id: 'BSD-2-Clause',
    group: 'other-open',
    aliases: ['BSD 2-Clause', 'Simplified BSD', 'FreeBSD'],
    names: [/\bbsd[ -]2[ -]clause\b/i, /\bsimplified bsd licen[cs]e\b/i],
    urls: [/opensource\.org\/licenses\/bsd-2-clause/i],
  },
  {
    id: 'BSD-3-Clause',
    group: 'other-open',
    aliases: ['BSD 3-Clause', 'New BSD', 'Modified BSD'],
    names: [/\bbsd[ -]3[ -]clause\b/i, /\b(?:new|modified|revised) bsd licen[cs]e\b/i],
    urls: [/opensource\.org\/licenses\/bsd-3-clause/i],
  },
  {
    id: 'MPL-2.0',
    group: 'other-open',
    aliases: ['MPL 2.0', 'MPLv2'],
    names: [/\bmozilla public licen[cs]e,? (?:version |v)?2\.0\b/i],
    urls: [/mozilla\.org\/(?:en-US\/)?MPL\/2\.0/i],
  },
  {
    id: 'EPL-2.0',
    group: 'other-open',
    names: [/\beclipse public licen[cs]e,? (?:version |v)?2\.0\b/i],
    urls: [/eclipse\.org\/legal\/epl-2\.0/i],
  },
  {
    id: 'EUPL-1.2',
    group: 'other-open',
    aliases: ['EUPL 1.2', 'EUPL v1.2'],
    names: [/\beuropean union public licen[cs]e,? (?:version |v)?1\.2\b/i],
    urls: [/joinup\.ec\.europa\.eu\/.*eupl/i],
  },
  {
    id: 'CECILL-2.1',
    group: 'other-open',
    aliases: ['CeCILL 2.1', 'CeCILL v2.1'],
    names: [/\bcecill,? (?:version |v)?2\.1\b/i],
    urls: [/cecill\.info\/licences\/Licence_CeCILL_V2\.1/i],
  },
  { id: 'ISC', group: 'other-open', names: [/\bisc licen[cs]e\b/i] },
  { id: 'Zlib', group: 'other-open', names: [/\bzlib licen[cs]e\b/i] },
  { id: 'WTFPL', group: 'other-open', urls: [/wtfpl\.net/i] },
  {
    id: 'Artistic-2.0',
    group: 'other-open',
    names: [/\bartistic licen[cs]e,? (?:version |v)?2\.0\b/i],
    urls: [/perlfoundation\.org\/artistic-license-20/i],
  },
  {
    id: 'OGL-UK-3.0',
    group: 'other-open',
    aliases: ['OGL 3.0', 'OGL v3.0', 'OGLv3', 'OGL-3.0'],
    names: [
      /\bopen government licen[cs]e,? (?:for public sector information,? )?(?:version |v)?3(?:\.0)?\b/i,
    ],
    urls: [/nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/3/i],
  },
  {
    id: 'OGL-UK-2.0',
    group: 'other-open',
    aliases: ['OGL 2.0', 'OGL v2.0'],
    names: [/\bopen government licen[cs]e,? (?:version |v)?2(?:\.0)?\b/i],
    urls: [/nationalarchives\.gov\.uk\/doc\/open-government-licence\/version\/2/i],
  },
  {
    id: 'etalab-2.0',
    group: 'other-open',
    aliases: ['Etalab 2.0', 'Etalab-2.0', 'Etalab v2.0', 'LO 2.0', 'LO-2.0'],
    names: [/\blicence ouverte,? (?:version |v)?2(?:\.0)?\b/i, /\bopen licen[cs]e,? (?:version |v)?2\.0\b/i],
    urls: [/etalab\.gouv\.fr\/(?:wp-content\/uploads\/2017\/04\/ETALAB-)?licence-ouverte/i],
  },
  {
    id: 'DL-DE-BY-2.0',
    group: 'other-open',
    aliases: ['dl-de/by-2-0', 'dl-by-de/2.0', 'DL-DE-BY 2.0'],
    names: [/\bdatenlizenz deutschland\W+namensnennung\W+(?:version )?2\.0\b/i],
    urls: [/govdata\.de\/dl-de\/by-2-0/i],
  },
  {
    id: 'DL-DE-ZERO-2.0',
    group: 'public-domain',
    aliases: ['dl-de/zero-2-0', 'DL-DE-ZERO 2.0'],
    names: [/\bdatenlizenz deutschland\W+zero\W+(?:version )?2\.0\b/i],
    urls: [/govdata\.de\/dl-de\/zero-2-0/i],
  },
  {
    id: 'LAL-1.3',
    group: 'other-open',
    aliases: ['FAL 1.3', 'LAL 1.3', 'Free Art License 1.3'],
    names: [/\blicence art libre,? (?:version |v)?1\.3\b/i, /\bfree art licen[cs]e,? (?:version |v)?1\.3\b/i],
    urls: [/artlibre\.org\/licence\/lal/i],
  },
  {
    id: 'NLOD-2.0',
    group: 'other-open',
    names: [/\bnorwegian licen[cs]e for open government data,? (?:version |v)?2\.0\b/i],
    urls: [/data\.norge\.no\/nlod\/(?:en|no)\/2\.0/i],
  },
  {
    id: 'NLOD-1.0',
    group: 'other-open',
    urls: [/data\.norge\.no\/nlod\/(?:en|no)\/1\.0/i],
  },
  {
    id: 'ODbL-1.0',
    group: 'other-open',
    aliases: ['ODbL', 'ODbL 1.0'],
    names: [/\bopen database licen[cs]e\b/i],
    urls: [/opendatacommons\.org\/licenses\/odbl/i],
  },
  {
    id: 'ODC-By-1.0',
    group: 'other-open',
    aliases: ['ODC-BY', 'ODC-By 1.0'],
    names: [/\bopen data commons attribution licen[cs]e\b/i],
    urls: [/opendatacommons\.org\/licenses\/by/i],
  },
  {
    id: 'PDDL-1.0',
    group: 'public-domain',
    aliases: ['PDDL', 'ODC-PDDL'],
    names: [/\bopen data commons public domain dedication and licen[cs]e\b/i],
    urls: [/opendatacommons\.org\/licenses\/pddl/i],
  },
  {
    id: 'Unlicense',
    group: 'public-domain',
    aliases: ['The Unlicense'],
    urls: [/unlicense\.org/i],
  },
  {
    id: 'OFL-1.1',
    group: 'other-open',
    aliases: ['OFL 1.1', 'SIL OFL 1.1'],
    names: [/\bsil open font licen[cs]e,? (?:version |v)?1\.1\b/i],
    urls: [/scripts\.sil\.org\/OFL/i, /openfontlicense\.org/i],
  },
];
