// Term tables for education-level statements: per-language names of stages of education (with the ISCED 2011
// levels each stands for), grade and year markers with the numbering system they imply, age words,
// range and list connectors, ordinal words, and the concept URIs of the vocabularies OER metadata uses.
//
// Facts carried over (codes, labels, mappings), not code: ISCED 2011 levels (UNESCO-UIS, ISCED 2011 and its
// operational manual); KIM Bildungsstufe / educationalLevel, ISCED 1997 and ISCED 2011 SKOS schemes
// (dini-ag-kim, CC0); OpenEduHub educationalContext, educationalLevel and LOM educational context (CC0);
// ScoLOMFR niveau éducatif détaillé, scolomfr-voc-022, and context, scolomfr-voc-012 (Réseau Canopé / French
// Ministry of Education); OER World Map sectors; the grade sub-levels of OER Commons; NL-LOM (Edurep) context
// values; OBAA (Brazil) context values. Pure data; never performs I/O.
//
// Levels are bit masks: bit i set = ISCED 2011 level i. Decisions a reader may want to check are marked
// "Decision:".

import type { Ordinal } from './level-text.js';

export const L0 = 1 << 0;
export const L1 = 1 << 1;
export const L2 = 1 << 2;
export const L3 = 1 << 3;
export const L4 = 1 << 4;
export const L5 = 1 << 5;
export const L6 = 1 << 6;
export const L7 = 1 << 7;
export const L8 = 1 << 8;

/** Secondary education without a qualifier: lower and upper. */
export const SEC = L2 | L3;
/** School (LOM context "school"): primary and secondary. Decision: pre-primary is not school. */
export const SCHOOL = L1 | L2 | L3;
/** Tertiary / higher education: ISCED 5 to 8 (short-cycle tertiary is higher education too). */
export const TERT = L5 | L6 | L7 | L8;
/** University / Hochschule (KIM level_A): bachelor, master, doctorate. */
export const UNIV = L6 | L7 | L8;
/** Graduate / postgraduate studies: master and doctorate. */
export const GRAD = L7 | L8;
/**
 * Vocational education and training without a named programme. Decision: the ISCED 2011 manual puts
 * vocational programmes at upper secondary (35), post-secondary non-tertiary (45) and short-cycle tertiary
 * (55) level, so a bare "vocational" statement is all three. (KIM maps "Berufliche Bildung" to level 4
 * alone; that is narrower than ISCED.)
 */
export const VOC = L3 | L4 | L5;

/** Numbering systems of grades and years: which ISCED levels grade n stands for. */
export type GradeSystem =
  | 'generic' // grades 1-6 primary, 7-9 lower secondary, 10-13 upper secondary (US, UK years, zh, ar...)
  | 'de' // Klasse 1-4 Grundschule, 5-10 Sekundarstufe I, 11-13 Sekundarstufe II
  | 'at' // Schulstufe 1-4, 5-8, 9-13
  | 'ru' // класс 1-4, 5-9, 10-11
  | 'nlGroep' // groep 1-2 kleuters, 3-8 basisschool
  | 'nlVo' // klas / leerjaar of voortgezet onderwijs 1-3, 4-6
  | 'frInverse' // 6e 5e 4e 3e collège, 2de 1re lycée
  | 'frCycle' // cycle 1 maternelle, 2 CP-CE2, 3 CM1-6e, 4 5e-3e (2016)
  | 'ptCiclo' // 1.º and 2.º ciclo primary, 3.º ciclo lower secondary
  | 'keyStage' // KS1-2 primary, KS3 lower secondary, KS4-5 upper secondary
  | 'bacPlus' // bac+2 short-cycle, bac+3 licence, bac+5 master, bac+8 doctorate
  | 'licence' // L1-L3
  | 'masterYear' // M1-M2
  | 'secondary' // secondary 1-3 lower, 4-6 upper; 7-13 as generic grades
  | 'secundaria' // secundaria / ESO 1-4 lower, 5-6 upper; 7-13 as generic grades
  | 'fundamental' // Brazil ensino fundamental 1-5 anos iniciais, 6-9 anos finais
  | 'basico' // Portugal ensino básico 1-6, 7-9; Chile básica 1-6, 7-8
  | 'brGrau' // Brazil before 1996: 1º grau (grades 1-8), 2º grau (upper secondary)
  | 'mbo' // MBO niveau 1 entree (ISCED 2), 2-3 (35), 4 (35 and specialist 45)
  | 'primary' // primary 1-8 (Scotland P1-P7, Singapore, Hong Kong)
  | 'none'; // numbers that say nothing about level (semesters, school years as dates)

type Band = readonly [from: number, to: number, mask: number];

export const GRADE_SYSTEMS: Readonly<Record<GradeSystem, readonly Band[]>> = {
  generic: [
    [-2, 0, L0],
    [1, 6, L1],
    [7, 9, L2],
    [10, 13, L3],
  ],
  de: [
    [-2, 0, L0],
    [1, 4, L1],
    [5, 10, L2],
    [11, 13, L3],
  ],
  at: [
    [-2, 0, L0],
    [1, 4, L1],
    [5, 8, L2],
    [9, 13, L3],
  ],
  ru: [
    [-2, 0, L0],
    [1, 4, L1],
    [5, 9, L2],
    [10, 11, L3],
  ],
  nlGroep: [
    [1, 2, L0],
    [3, 8, L1],
  ],
  nlVo: [
    [1, 3, L2],
    [4, 6, L3],
  ],
  frInverse: [
    [1, 2, L3],
    [3, 6, L2],
  ],
  frCycle: [
    [1, 1, L0],
    [2, 2, L1],
    [3, 3, L1 | L2],
    [4, 4, L2],
  ],
  ptCiclo: [
    [1, 2, L1],
    [3, 3, L2],
  ],
  keyStage: [
    [1, 2, L1],
    [3, 3, L2],
    [4, 5, L3],
  ],
  bacPlus: [
    [0, 0, L3],
    [1, 2, L5],
    [3, 4, L6],
    [5, 7, L7],
    [8, 8, L8],
  ],
  licence: [[1, 3, L6]],
  masterYear: [[1, 2, L7]],
  secondary: [
    [1, 3, L2],
    [4, 6, L3],
    [7, 9, L2],
    [10, 13, L3],
  ],
  secundaria: [
    [1, 4, L2],
    [5, 6, L3],
    [7, 9, L2],
    [10, 13, L3],
  ],
  fundamental: [
    [1, 5, L1],
    [6, 9, L2],
  ],
  basico: [
    [1, 6, L1],
    [7, 9, L2],
  ],
  brGrau: [
    [1, 1, L1 | L2],
    [2, 2, L3],
  ],
  mbo: [
    [1, 1, L2],
    [2, 3, L3],
    [4, 4, L3 | L4],
  ],
  primary: [[1, 8, L1]],
  none: [],
};

/** What one term of the tables does. */
export type TermEntry =
  /**
   * A stage of education; `map` numbers grades within it ("6º ano do ensino fundamental"); `asMarker`: next to
   * a number the word is a grade marker instead ("grado" is a university degree, "3er grado" a grade).
   */
  | { readonly k: 'stage'; readonly m: number; readonly map?: GradeSystem; readonly asMarker?: GradeSystem }
  /**
   * A grade or year marker. `rel`: the numbering is relative to a stage named beside it ("1º curso de ESO",
   * "2nd year undergraduate"); `ageAfter`: after a plain number it is an age ("10 anos"): 2 always, 1 unless
   * a stage is named.
   */
  | { readonly k: 'marker'; readonly sys: GradeSystem; readonly rel: boolean; readonly ageAfter: 0 | 1 | 2 }
  /** An age word, before ("ages 8-10") or after ("10 à 12 ans") the numbers. */
  | { readonly k: 'age'; readonly at: 'pre' | 'post' }
  /** A number written as a word ("seventh", "troisième", "K"). */
  | { readonly k: 'num'; readonly n: number; readonly ord: Ordinal }
  /** Between two numbers a range; `lead` says what it means before a lone number ("bis 12" = under 12). */
  | { readonly k: 'range'; readonly lead: 'under' | 'none' }
  | { readonly k: 'sep' }
  /** "from 14", "a partir de 14": the number and above. */
  | { readonly k: 'from' }
  /** "over 18", "mayores de 18", "> 15": above the number. */
  | { readonly k: 'over' }
  /** "14+", "14 and up", "16 em diante": the number and above (after it). */
  | { readonly k: 'up' }
  /** "under 12", "U18", "menos de 12": below the number. */
  | { readonly k: 'under' }
  /** "ISCED", "CINE", "МСКО": the numbers that follow are ISCED codes of `scheme`. */
  | { readonly k: 'isced'; readonly scheme: '2011' | '1997' }
  /** Says nothing about level: "all", "general", roles, delivery modes. */
  | { readonly k: 'null' }
  /** Names something that is not a level of education: adult, continuing, special-needs education. */
  | { readonly k: 'nonlevel' }
  /** Adults, as an age statement. */
  | { readonly k: 'adult' };

const T: [string, TermEntry][] = [];

function stage(m: number, ...phrases: string[]): void {
  for (const p of phrases) T.push([p, { k: 'stage', m }]);
}
function stageMap(m: number, map: GradeSystem, ...phrases: string[]): void {
  for (const p of phrases) T.push([p, { k: 'stage', m, map }]);
}
function marker(sys: GradeSystem, rel: boolean, ageAfter: 0 | 1 | 2, ...phrases: string[]): void {
  for (const p of phrases) T.push([p, { k: 'marker', sys, rel, ageAfter }]);
}
const G: [string, GradeSystem][] = [];
function glued(sys: GradeSystem, ...phrases: string[]): void {
  for (const p of phrases) G.push([p, sys]);
}
function words(entry: TermEntry, ...phrases: string[]): void {
  for (const p of phrases) T.push([p, entry]);
}
function ordinals(ord: Ordinal, list: readonly (readonly [number, ...string[]])[]): void {
  for (const [n, ...forms] of list) for (const f of forms) T.push([f, { k: 'num', n, ord }]);
}

const NULL: TermEntry = { k: 'null' };
const NONLEVEL: TermEntry = { k: 'nonlevel' };
const ADULT: TermEntry = { k: 'adult' };
const RANGE: TermEntry = { k: 'range', lead: 'none' };
const RANGE_UNDER: TermEntry = { k: 'range', lead: 'under' };
const SEP: TermEntry = { k: 'sep' };
const FROM: TermEntry = { k: 'from' };
const OVER: TermEntry = { k: 'over' };
const UP: TermEntry = { k: 'up' };
const UNDER: TermEntry = { k: 'under' };
const AGE_PRE: TermEntry = { k: 'age', at: 'pre' };
const AGE_POST: TermEntry = { k: 'age', at: 'post' };

// ---------------------------------------------------------------------------------------------------------
// Punctuation and connectors (all languages).
words(RANGE, '-', 'to', 'through', 'thru', 'a', 'al', 'ao', 'aos', 'à', 'au', 't / m', 'tot en met');
words(RANGE, 'إلى', 'الى', 'حتى', '至', '到', '~');
words(RANGE_UNDER, 'bis', 'hasta', 'até', 'jusqu à', "jusqu'à", 'до', 'up to', 'upto', 'tot');
words(
  SEP,
  ',',
  '/',
  '&',
  'and',
  'und',
  'et',
  'y',
  'e',
  'en',
  'i',
  'и',
  'و',
  '和',
  '、',
  'or',
  'oder',
  'ou',
  'o',
);
words(UP, '+', 'and up', 'and older', 'and over', 'and above', 'or older', 'or more', 'plus', 'und alter');
words(
  UP,
  'und mehr',
  'et plus',
  'ou plus',
  'en adelante',
  'o mas',
  'y mas',
  'em diante',
  'ou mais',
  'e mais',
);
words(UP, 'en ouder', 'e oltre', 'и старше', 'فما فوق', 'فأكثر', '以上');
words(OVER, '>', 'over', 'above', 'older than', 'uber', 'plus de', 'mayores de', 'mayor de', 'mas de');
words(OVER, 'acima de', 'acima dos', 'mais de', 'maiores de', 'ouder dan', 'старше', 'oltre');
words(FROM, 'from', 'ab', 'a partir de', 'a partir do', 'a partir dos', 'a partir da', 'des', 'desde');
words(FROM, 'vanaf', 'от', 'с', 'من', 'dai', 'da');
words(UNDER, '<', 'under', 'below', 'younger than', 'unter', 'moins de', 'menos de', 'menores de', 'onder');
words(UNDER, 'jonger dan', 'младше', 'sotto');
T.push(['u', { k: 'under' }]); // "U18", "U 12"

// Age words.
words(
  AGE_PRE,
  'age',
  'ages',
  'aged',
  'age range',
  'alter',
  'altersgruppe',
  'edad',
  'edades',
  'idade',
  'idades',
);
words(AGE_PRE, 'leeftijd', 'eta', 'возраст', 'عمر', 'اعمار', '年龄', 'tranche d age', 'faixa etaria');
words(AGE_POST, 'ans', 'an', 'jahre', 'jahren', 'jahrige', 'year old', 'years old', 'year olds', 'yrs', 'yo');
words(
  AGE_POST,
  'jaar oud',
  'лет',
  'года',
  'год',
  'سنوات',
  'سنه',
  'عاما',
  'اعوام',
  '岁',
  '歲',
  'anos de idade',
);
words(AGE_POST, 'anos de edad', 'anni di eta');
words(ADULT, 'adult', 'adults', 'adulte', 'adultes', 'adulto', 'adultos', 'adulta', 'adultas', 'erwachsene');
words(
  ADULT,
  'erwachsener',
  'volwassene',
  'volwassenen',
  'adulti',
  'взрослые',
  'взрослых',
  'بالغين',
  'الكبار',
);
words(ADULT, '成人', 'grown ups');

// ISCED codes.
words({ k: 'isced', scheme: '2011' }, 'isced', 'isced 2011', 'cine', 'cine 2011', 'мско', 'isced-2011');
words({ k: 'isced', scheme: '1997' }, 'isced 1997', 'isced 97', 'cine 1997', 'isced-1997');
// ISCED-F (fields of education) numbers are not levels.
words(NULL, 'isced f', 'isced f 2013', 'isced 2013', 'cine f');

// Things that are not a level.
words(NULL, 'all', 'all levels', 'all ages', 'all grades', 'any', 'everyone', 'general', 'general public');
words(NULL, 'mixed', 'various', 'multiple', 'other', 'others', 'n a', 'na', 'none', 'unknown', 'unspecified');
words(
  NULL,
  'not specified',
  'not applicable',
  'no level',
  'cross sector',
  'not elsewhere classified',
  'level',
);
words(NULL, 'teacher', 'teachers', 'student', 'students', 'learner', 'learners', 'parent', 'parents');
words(NULL, 'author', 'administrator', 'librarian', 'manager', 'counsellor', 'counselor', 'educator');
words(NULL, 'classroom', 'distance', 'online', 'blended', 'face to face', 'self study', 'e learning');
words(NULL, 'alle', 'allgemein', 'andere', 'sonstige', 'sonstiges', 'keine angabe', 'sektorenubergreifend');
words(NULL, 'keinerlei andere klassifizierung', 'lehrer', 'lehrkrafte', 'schuler', 'lernende');
words(NULL, 'tous', 'tous niveaux', 'tout public', 'tous publics', 'grand public', 'autre', 'autres');
words(NULL, 'enseignant', 'enseignants', 'eleve', 'eleves', 'apprenant', 'general');
words(NULL, 'todos', 'todas', 'todos los niveles', 'otro', 'otros', 'otra', 'ninguno', 'varios', 'diversos');
words(NULL, 'profesor', 'profesores', 'estudiante', 'estudiantes', 'alumno', 'alumnos', 'presencial');
words(NULL, 'semipresencial', 'a distancia', 'en el aula', 'aula', 'laboratorio', 'escuela y hogar');
words(
  NULL,
  'geral',
  'outro',
  'outros',
  'diverso',
  'diversa',
  'variada',
  'variado',
  'indefinida',
  'indefinido',
);
words(NULL, 'aluno', 'alunos', 'professor', 'professores', 'autor', 'administrador', 'livre', 'nenhum');
words(NULL, 'tutti', 'tutti i livelli', 'altro', 'generale', 'docente', 'docenti', 'studenti');
words(NULL, 'alle niveaus', 'algemeen', 'overig', 'overige', 'anders', 'leerling', 'leerlingen', 'docent');
words(NULL, 'все', 'общий', 'другое', 'прочее', 'учитель', 'ученик', 'студент', 'студенты');
words(NULL, 'الكل', 'جميع', 'اخري', 'معلم', 'طالب', 'طلاب', '所有', '全部', '其他', '通用', '教师', '学生');

// Adult, continuing, special-needs and informal education: real contexts, but no ISCED level.
words(NONLEVEL, 'adult education', 'adult learning', 'adult basic education', 'continuing education');
words(
  NONLEVEL,
  'continuing professional development',
  'cpd',
  'professional development',
  'lifelong learning',
);
words(NONLEVEL, 'further education', 'informal learning', 'informal education', 'non formal education');
words(NONLEVEL, 'teacher training', 'teacher education', 'in service', 'corporate training', 'workplace');
words(NONLEVEL, 'special education', 'special needs', 'special educational needs', 'sen');
words(NONLEVEL, 'advanced training', 'preparatory service', 'distance learning', 'distance education');
words(NONLEVEL, 'erwachsenenbildung', 'weiterbildung', 'fortbildung', 'lehrerfortbildung', 'lehrerbildung');
words(NONLEVEL, 'lehrkraftebildung', 'vorbereitungsdienst', 'referendariat', 'forderschule', 'sonderschule');
words(NONLEVEL, 'sonderpadagogische forderung', 'informelles lernen', 'fernunterricht', 'fernstudium');
words(NONLEVEL, 'formation continue', 'formation professionnelle continue', 'formation des adultes');
words(NONLEVEL, 'education des adultes', 'formation des enseignants', 'formation des personnels', 'ash');
words(NONLEVEL, 'asseh', 'adaptation scolaire', 'education specialisee', 'enseignement a distance');
words(NONLEVEL, 'educacion de adultos', 'educacion de personas adultas', 'formacion continua');
words(
  NONLEVEL,
  'formacion del profesorado',
  'formacion docente',
  'educacion especial',
  'educacion permanente',
);
words(NONLEVEL, 'educacion a distancia', 'educacao de jovens e adultos', 'eja', 'educacao de adultos');
words(
  NONLEVEL,
  'formacao continuada',
  'formacao de professores',
  'educacao especial',
  'educacao a distancia',
);
words(NONLEVEL, 'istruzione degli adulti', 'educazione degli adulti', 'formazione continua');
words(NONLEVEL, 'formazione docenti', 'volwassenenonderwijs', 'volwasseneneducatie', 'nascholing');
words(
  NONLEVEL,
  'speciaal onderwijs',
  'speciaal basisonderwijs',
  'lerarenopleiding',
  'afstandsonderwijs',
  'so',
  'vso',
);
words(NONLEVEL, 'дополнительное образование', 'повышение квалификации', 'образование взрослых');
words(
  NONLEVEL,
  'تعليم الكبار',
  'محو الاميه',
  'التعليم المستمر',
  '成人教育',
  '继续教育',
  '教师培训',
  '特殊教育',
);

// ---------------------------------------------------------------------------------------------------------
// English.
stage(L0, 'early childhood', 'early childhood education', 'early childhood education and care', 'ecec');
stage(L0, 'pre primary', 'preprimary', 'pre primary education', 'preschool', 'pre school', 'nursery');
stage(L0, 'nursery school', 'reception', 'early years', 'early years foundation stage', 'eyfs', 'daycare');
stage(L0, 'pre kindergarten', 'prekindergarten', 'early childhood development', 'toddlers', 'infants');
stage(L0, 'early learning', 'early education', 'pre k 12');
stage(
  L1,
  'primary',
  'primary education',
  'primary school',
  'primary schools',
  'elementary',
  'elementary school',
);
stage(L1, 'elementary education', 'elementary level', 'grade school', 'lower primary', 'upper primary');
stage(L1, 'junior school', 'infant school', 'first stage of basic education', 'primary level');
stage(L2, 'lower secondary', 'lower secondary education', 'lower secondary school', 'middle school');
stage(L2, 'middle grades', 'junior high', 'junior high school', 'intermediate school', 'secondary i');
stage(L2, 'second stage of basic education', 'lower secondary level');
stage(
  L3,
  'upper secondary',
  'upper secondary education',
  'upper secondary school',
  'high school',
  'highschool',
);
stage(L3, 'senior high', 'senior high school', 'secondary ii', 'sixth form', 'a level');
stage(L3, 'a levels', 'gcse', 'gcses', 'upper secondary level', 'high schools');
stageMap(SEC, 'secondary', 'secondary', 'secondary education', 'secondary school', 'secondary schools');
stageMap(SEC, 'secondary', 'secondary level');
stage(L4, 'post secondary non tertiary', 'postsecondary non tertiary', 'non tertiary', 'nontertiary');
stage(L4 | TERT, 'post secondary', 'postsecondary');
stage(L5, 'short cycle tertiary', 'short cycle tertiary education', 'associate degree', 'associate degrees');
stage(
  L5,
  'associate s degree',
  'associate s degrees',
  'associates degree',
  'associate of arts',
  'associate of science',
);
// English-speaking school systems outside the US and UK: Nigeria (JSS, SS), India (higher secondary), Kenya (PP),
// South Africa (Grade R and the four phases), Australia (TAFE).
stage(L2, 'junior secondary', 'junior secondary school', 'jss', 'junior high secondary');
stage(
  L3,
  'senior secondary',
  'senior secondary school',
  'sss',
  'higher secondary',
  'higher secondary school',
);
stage(L3, 'fet phase', 'further education and training phase', 'further education and training band');
stage(L0, 'pp1', 'pp2', 'grade r', 'reception year');
stage(L0 | L1, 'foundation phase');
stage(L1, 'intermediate phase');
stage(L2, 'senior phase');
stage(L4 | L5, 'tafe');
stage(L5, 'community college', 'community colleges', 'two year college');
stage(L5, 'junior college', 'foundation degree', 'hnd', 'hnc', 'lower division community college');
stage(TERT, 'tertiary', 'tertiary education', 'higher education', 'higher ed', 'post secondary education');
stage(UNIV, 'university', 'universities', 'university level');
// Decision: "college" alone is undergraduate college (short-cycle and bachelor), as US OER use it.
stage(L5 | L6, 'college', 'colleges', 'college level', 'community college lower division', 'lower division');
stage(L6, 'undergraduate', 'undergraduates', 'bachelor', 'bachelors', 'bachelor s', 'bachelor degree');
stage(L6, 'baccalaureate', 'b sc', 'bsc', 'b a', 'beng', 'upper division', 'college upper division');
stage(L6, 'bachelor or equivalent', 'bachelor s or equivalent level', 'first cycle', 'freshman', 'sophomore');
stage(GRAD, 'graduate', 'graduates', 'postgraduate', 'post graduate', 'graduate school', 'grad school');
stage(GRAD, 'graduate professional', 'graduate level', 'postgraduate level');
stage(L7, 'master', 'masters', 'master s', 'master degree', 'msc', 'm sc', 'mba', 'meng', 'mres', 'mphil');
stage(
  L7,
  'master or equivalent',
  'master s or equivalent level',
  'taught postgraduate',
  'postgraduate taught',
);
stage(L7, 'second cycle');
stage(L8, 'doctoral', 'doctorate', 'doctoral or equivalent', 'doctoral or equivalent level', 'phd', 'ph d');
stage(L8, 'dphil', 'doctoral studies', 'doctoral level', 'third cycle', 'second stage of tertiary education');
stage(L5 | L6 | L7, 'first stage of tertiary education');
stage(VOC, 'vocational', 'vocational education', 'vocational training', 'vocational school', 'vet', 'tvet');
stage(VOC, 'technical and vocational', 'career and technical education', 'career technical', 'cte');
stage(VOC, 'career and technical', 'apprenticeship', 'apprenticeships', 'trade school', 'training');
// Compulsory schooling is primary and lower secondary in most systems (ISCED 1-2).
stage(
  L1 | L2,
  'compulsory education',
  'compulsory schooling',
  'compulsory school',
  'enseignement obligatoire',
);
stage(L1 | L2, 'scolarite obligatoire', 'educacion obligatoria', 'ensenanza obligatoria', 'pflichtschule');
stage(L1 | L2, 'scuola dell obbligo', 'ensino obrigatorio', 'leerplichtonderwijs');
stage(
  L6,
  'first year university',
  'first year of university',
  'university first year',
  'first year undergraduate',
);
stage(VOC, 'vocational education and training', 'technical education', 'vocational studies');
stage(SCHOOL, 'school', 'schools', 'school education', 'escuela', 'escuelas', 'colegio', 'escola', 'escolas');
stage(SCHOOL, 'scuola', 'ecole', 'ecoles', 'enseignement scolaire');
marker(
  'generic',
  false,
  0,
  'grade',
  'grades',
  'gr',
  'grade level',
  'grade levels',
  'class',
  'standard',
  'std',
);
marker('generic', true, 1, 'year');
marker('generic', true, 2, 'years');
marker('none', false, 0, 'semester', 'semesters', 'term');
marker('keyStage', false, 0, 'key stage', 'key stages', 'ks');
glued('keyStage', 'ks');
glued('generic', 'y');
glued('secondary', 's');
glued('primary', 'p');
marker('secondary', false, 0, 'form', 'forms');
words({ k: 'num', n: 0, ord: 'k' }, 'k', 'kindergarten', 'kindergarden', 'kinder', 'kg');
words({ k: 'num', n: -1, ord: 'k' }, 'prek', 'pre k', 'pk', 'tk', 'transitional kindergarten');
ordinals('w', [
  [1, 'first', 'one'],
  [2, 'second', 'two'],
  [3, 'third', 'three'],
  [4, 'fourth', 'four'],
  [5, 'fifth', 'five'],
  [6, 'sixth', 'six'],
  [7, 'seventh', 'seven'],
  [8, 'eighth', 'eight'],
  [9, 'ninth', 'nine'],
  [10, 'tenth', 'ten'],
  [11, 'eleventh', 'eleven'],
  [12, 'twelfth', 'twelve'],
]);

// German.
stage(
  L0,
  'elementarbereich',
  'elementarstufe',
  'fruhbereich',
  'fruhkindliche bildung',
  'fruhkindliche erziehung',
);
stage(L0, 'kita', 'kindertagesstatte', 'kindertageseinrichtung', 'vorschule', 'krippe', 'vorschulkinder');
stage(L1, 'primarbereich', 'primarstufe', 'grundschule', 'grundschulen', 'volksschule', 'grundstufe');
stage(L1, 'primarschule', 'grundschulbereich');
stage(L2, 'sekundarbereich i', 'sekundarbereich 1', 'sekundarstufe i', 'sekundarstufe 1', 'sek i', 'sek 1');
stage(L2, 'mittelstufe', 'unterstufe', 'hauptschule', 'realschule', 'mittelschule', 'neue mittelschule');
stage(L2, 'orientierungsstufe', 'sekundarschule', 'sekundarstufe eins', 'werkrealschule', 'oberschule');
stage(
  L3,
  'sekundarbereich ii',
  'sekundarbereich 2',
  'sekundarstufe ii',
  'sekundarstufe 2',
  'sek ii',
  'sek 2',
);
stage(L3, 'oberstufe', 'gymnasiale oberstufe', 'abitur', 'fachoberschule', 'berufliches gymnasium', 'matura');
stage(L3, 'kollegstufe', 'qualifikationsphase', 'einfuhrungsphase');
stageMap(
  SEC,
  'secondary',
  'sekundarstufe',
  'sekundarbereich',
  'gymnasium',
  'gesamtschule',
  'weiterfuhrende schule',
);
stage(SCHOOL, 'schule', 'schulen', 'allgemeinbildende schule', 'schulbildung', 'schulische bildung');
stage(
  L4,
  'postsekundarer nicht tertiarer bereich',
  'post sekundarer nicht tertiarer bereich',
  'nicht tertiar',
);
stage(L4, 'nicht tertiarer bereich', 'postsekundar nicht tertiar');
stage(L5, 'kurzes tertiares bildungsprogramm', 'kurzes tertiares');
stage(TERT, 'tertiarbereich', 'tertiare bildung', 'tertiarer bereich', 'hohere bildung');
stage(UNIV, 'hochschule', 'hochschulen', 'universitat', 'universitaten', 'uni', 'fachhochschule', 'studium');
stage(UNIV, 'hochschulbildung', 'hochschulbereich', 'hochschullehre', 'hochschulstudium');
stage(L6, 'bachelorstudium', 'bachelorstudiengang', 'bachelor oder aquivalent', 'grundstudium');
stage(
  L7,
  'masterstudium',
  'masterstudiengang',
  'master oder aquivalent',
  'diplom',
  'magister',
  'staatsexamen',
);
stage(L7, 'hauptstudium');
stage(L8, 'promotion', 'promotion oder aquivalent', 'doktorat', 'doktoratsstudium', 'doktoranden');
stage(L8, 'promotionsstudium', 'weiterfuhrende forschungsprogramme');
stage(VOC, 'berufliche bildung', 'berufsbildung', 'berufsausbildung', 'ausbildung', 'berufsschule');
stage(VOC, 'berufsbildende schule', 'berufsbildende schulen', 'duale ausbildung', 'berufliche schule');
stage(VOC, 'berufsfachschule', 'berufskolleg', 'berufliche schulen');
marker('de', false, 0, 'klasse', 'klassen', 'kl', 'klassenstufe', 'klassenstufen', 'jahrgangsstufe');
marker('de', false, 0, 'jahrgangsstufen', 'jahrgang', 'jahrgange', 'jgst', 'jg', 'schuljahr', 'stufe');
marker('at', false, 0, 'schulstufe', 'schulstufen');
marker('generic', true, 1, 'jahr');
ordinals('w', [
  [1, 'erste', 'ersten', 'erster'],
  [2, 'zweite', 'zweiten', 'zweiter'],
  [3, 'dritte', 'dritten'],
  [4, 'vierte', 'vierten'],
  [5, 'funfte', 'funften'],
  [6, 'sechste', 'sechsten'],
  [7, 'siebte', 'siebten', 'siebente'],
  [8, 'achte', 'achten'],
  [9, 'neunte', 'neunten'],
  [10, 'zehnte', 'zehnten'],
  [11, 'elfte', 'elften'],
  [12, 'zwolfte', 'zwolften'],
  [13, 'dreizehnte', 'dreizehnten'],
]);

// French (France, Belgium, Switzerland, Québec, francophone Africa; ScoLOMFR).
stage(
  L0,
  'ecole maternelle',
  'maternelle',
  'prescolaire',
  'education prescolaire',
  'enseignement prescolaire',
);
stage(L0, 'petite section', 'moyenne section', 'grande section', 'toute petite section', 'jardin d enfants');
stage(L0, 'creche', 'cycle des apprentissages premiers', 'cycle unique pour l ecole maternelle');
stage(L1, 'ecole elementaire', 'ecole primaire', 'primaire', 'enseignement primaire', 'elementaire', 'cp');
stage(L1, 'cours preparatoire', 'cours elementaire', 'cours moyen', 'cycle des apprentissages fondamentaux');
stage(L1, 'enseignement fondamental', 'ecole fondamentale');
stage(L1 | L2, 'cycle de consolidation'); // cycle 3 since 2016: CM1, CM2, 6e
stage(L0 | L1, 'premier degre', '1er degre');
glued('generic', 'ce', 'cm');
stage(
  L2,
  'collège',
  'collèges',
  'enseignement secondaire inferieur',
  'premier cycle du secondaire',
  'cycle central',
);
stage(L2, 'cycle d adaptation', 'cycle d orientation', 'cycle des approfondissements', 'brevet des collèges');
stage(L2, 'dnb', 'secondaire inferieur', 'secondaire premier cycle', 'collège professionnel', 'segpa');
stage(
  L3,
  'lycee',
  'lycees',
  'lycee general',
  'lycee technologique',
  'lycee professionnel',
  'terminale',
  'tle',
);
stage(L3, 'baccalaureat', 'bac', 'bac pro', 'bac professionnel', 'cap', 'bep', 'second cycle du secondaire');
stage(L3, 'secondaire superieur', 'secondaire deuxieme cycle', 'cycle terminal', 'classe de determination');
stage(L3, 'lycee general et technologique', 'voie generale', 'voie technologique', 'voie professionnelle');
stage(
  L3,
  'voie generale et technologique',
  'voies generale technologique professionnelle',
  'brevet professionnel',
);
stage(
  L3,
  'bp',
  'bma',
  'btm',
  'brevet de technicien',
  'brevet des metiers d art',
  'certificat d aptitude professionnelle',
);
stage(
  L3,
  'brevet technique des metiers',
  'mention complementaire',
  'lycee d enseignement general et technologique',
);
stageMap(
  SEC,
  'secondary',
  'secondaire',
  'enseignement secondaire',
  'second degre',
  '2nd degre',
  'second degree',
);
stage(TERT, 'enseignement superieur', 'etudes superieures', 'superieur', 'post bac', 'postbac');
stage(UNIV, 'universite', 'universites', 'universitaire', 'niveau universitaire');
stage(L5, 'bts', 'dut', 'sts', 'iut', 'section de technicien superieur', 'brevet de technicien superieur');
stage(L5, 'diplome universitaire de technologie', 'section bts', 'section dut', 'deust');
stage(
  L6,
  'licence',
  'licences',
  'licence professionnelle',
  'cpge',
  'classes preparatoires',
  'classe preparatoire',
);
stage(L6, 'classes preparatoires aux grandes ecoles', 'voie cpge', 'bachelor universitaire de technologie');
stage(L7, 'dea', 'dess', 'diplome d ingenieur', 'mastere');
stage(L8, 'doctorat', 'doctorats', 'thèse', 'doctorant', 'doctorants', 'ecole doctorale');
stage(VOC, 'formation professionnelle', 'enseignement professionnel', 'enseignement technique');
stage(VOC, 'enseignement technique et professionnel', 'formation technique et professionnelle');
words({ k: 'marker', sys: 'bacPlus', rel: false, ageAfter: 0 }, 'bac +');
glued('licence', 'l');
glued('masterYear', 'm');
marker('frInverse', true, 0, 'classe', 'classes');
marker('generic', true, 0, 'annee', 'annees');
marker('frCycle', true, 0, 'cycle', 'cycles');
ordinals('fr', [
  [1, 'premiere', 'premier'],
  [2, 'seconde', 'deuxieme'],
  [3, 'troisieme'],
  [4, 'quatrieme'],
  [5, 'cinquieme'],
  [6, 'sixieme'],
  [7, 'septieme'],
  [8, 'huitieme'],
  [9, 'neuvieme'],
  [10, 'dixieme'],
  [11, 'onzieme'],
  [12, 'douzieme'],
]);

// Spanish (Spain, Latin America; LOM-ES).
stage(L0, 'educacion infantil', 'infantil', 'preescolar', 'educacion preescolar', 'jardin de infantes');
stage(L0, 'jardin de ninos', 'parvulario', 'parvulos', 'educacion inicial', 'nivel inicial', 'guarderia');
stage(L0, 'educacion parvularia', 'primera infancia');
stage(L1, 'primaria', 'educacion primaria', 'ensenanza primaria', 'escuela primaria', 'basica primaria');
stage(L1, 'nivel primario', 'primario');
stageMap(
  L1 | L2,
  'basico',
  'educacion basica',
  'basica',
  'basico',
  'ensenanza basica',
  'educacion general basica',
);
stageMap(L1 | L2, 'basico', 'egb', 'ensino basico');
stage(L2, 'eso', 'educacion secundaria obligatoria', 'secundaria obligatoria', 'secundaria basica');
stage(L2, 'ciclo basico', 'basica secundaria');
stageMap(
  SEC,
  'secundaria',
  'secundaria',
  'educacion secundaria',
  'ensenanza secundaria',
  'escuela secundaria',
);
stageMap(SEC, 'secundaria', 'nivel secundario', 'secundario');
stage(L3, 'bachillerato', 'preparatoria', 'educacion media', 'ensenanza media', 'media superior');
stage(L3, 'educacion media superior', 'secundaria superior', 'secundaria alta', 'medio', 'media vocacional');
stage(L3, 'grado medio', 'tecnico medio', 'formacion profesional basica', 'fp basica', 'bachiller');
stage(
  L5,
  'grado superior',
  'tecnico superior',
  'ciclo superior',
  'tecnicatura',
  'tecnico superior universitario',
);
stage(TERT, 'educacion superior', 'ensenanza superior', 'estudios superiores', 'nivel superior');
stage(UNIV, 'universidad', 'universidades', 'universitario', 'universitaria', 'nivel universitario');
stage(UNIV, 'estudios universitarios');
T.push(['grado', { k: 'stage', m: L6, asMarker: 'generic' }]);
stage(L6, 'licenciatura', 'diplomatura', 'grado universitario', 'pregrado', 'bachelor');
stage(L7, 'master', 'maestria', 'magister', 'master universitario', 'especializacion', 'especialidad');
stage(L8, 'doctorado', 'doctorados', 'doctorando', 'doctorandos');
stage(GRAD, 'posgrado', 'postgrado', 'posgrados', 'postgrados', 'estudios de posgrado');
stage(VOC, 'formacion profesional', 'fp', 'ciclo formativo', 'ciclos formativos', 'fp dual', 'tecnico');
stage(
  VOC,
  'educacion tecnica',
  'formacion tecnica',
  'educacion tecnico profesional',
  'formacion para el trabajo',
);
marker('generic', false, 0, 'grados');
marker('generic', true, 0, 'curso', 'cursos');
marker('generic', true, 1, 'ano');
marker('generic', true, 2, 'anos');
marker('ptCiclo', true, 0, 'ciclo', 'ciclos');
ordinals('w', [
  [1, 'primero', 'primer', 'primera', 'primeiro', 'primeira', 'primo', 'prima'],
  [2, 'segundo', 'segunda', 'secondo', 'seconda'],
  [3, 'tercero', 'tercer', 'tercera', 'terceiro', 'terceira', 'terzo', 'terza'],
  [4, 'cuarto', 'cuarta', 'quarto', 'quarta'],
  [5, 'quinto', 'quinta'],
  [6, 'sexto', 'sexta', 'sesto', 'sesta'],
  [7, 'septimo', 'septima', 'setimo', 'setima', 'settimo'],
  [8, 'octavo', 'octava', 'oitavo', 'oitava', 'ottavo'],
  [9, 'noveno', 'novena', 'nono', 'nona'],
  [10, 'decimo', 'decima'],
  [11, 'undecimo', 'decimoprimero'],
  [12, 'duodecimo', 'decimosegundo'],
]);

// Portuguese (Brazil, OBAA; Portugal).
stage(
  L0,
  'educacao infantil',
  'ensino infantil',
  'creche',
  'pre escola',
  'pre escolar',
  'educacao pre escolar',
);
stage(L0, 'jardim de infancia', 'educacao de infancia');
stageMap(L1 | L2, 'fundamental', 'ensino fundamental', 'fundamental', 'educacao fundamental');
// Brazil (LDB): educação básica is infantil, fundamental and médio.
stage(L0 | L1 | L2 | L3, 'educacao basica');
stage(L1, 'ensino fundamental i', 'fundamental i', 'anos iniciais', 'ensino fundamental 1', 'fundamental 1');
stage(L1, 'series iniciais', 'ensino primario');
stage(L2, 'ensino fundamental ii', 'fundamental ii', 'anos finais', 'ensino fundamental 2', 'fundamental 2');
stage(L2, 'series finais');
stage(
  L3,
  'ensino medio',
  'educacao media',
  'ensino secundario',
  'secundario superior',
  'segundo grau',
  'colegial',
);
stage(L3, 'ensino medio integrado');
stage(L1 | L2, 'primeiro grau');
stage(TERT, 'ensino superior', 'educacao superior', 'nivel superior', 'superior');
stage(UNIV, 'universidade', 'universitario', 'universitaria', 'faculdade');
stage(L6, 'graduacao', 'bacharelado', 'licenciatura', 'tecnologo', 'curso superior de tecnologia');
stage(L7, 'mestrado', 'mestrado profissional');
stage(L8, 'doutorado', 'doutoramento');
stage(GRAD, 'pos graduacao', 'posgraduacao', 'pos graduacao stricto sensu');
stage(VOC, 'educacao profissional', 'ensino profissional', 'profissionalizante', 'ensino profissionalizante');
stage(VOC, 'ensino tecnico', 'curso tecnico', 'educacao profissional e tecnologica', 'formacao profissional');
stage(VOC, 'educacao profissional tecnica', 'tecnico profissionalizante');
marker('generic', true, 0, 'serie', 'series');
marker('brGrau', false, 0, 'grau');

// Italian.
stage(L0, 'scuola dell infanzia', 'asilo', 'asilo nido', 'scuola materna', 'prescolare', 'infanzia');
stage(L1, 'scuola primaria', 'scuola elementare', 'elementari', 'elementare');
stage(L2, 'scuola secondaria di primo grado', 'secondaria di primo grado', 'scuola media', 'medie');
stage(L2, 'scuola media inferiore', 'secondaria di i grado', 'scuola secondaria di i grado');
stage(
  L3,
  'scuola secondaria di secondo grado',
  'secondaria di secondo grado',
  'scuola superiore',
  'superiori',
);
stage(L3, 'scuola media superiore', 'istituto tecnico', 'istituto professionale', 'maturita', 'biennio');
stage(L3, 'triennio', 'secondaria di ii grado', 'scuola secondaria di ii grado', 'liceo', 'licei');
stageMap(SEC, 'secondary', 'scuola secondaria', 'secondaria', 'istruzione secondaria');
stage(TERT, 'istruzione superiore', 'istruzione terziaria', 'alta formazione');
stage(UNIV, 'universita', 'universitario');
stage(L6, 'laurea', 'laurea triennale', 'laurea di primo livello', 'corso di laurea');
stage(
  L7,
  'laurea magistrale',
  'laurea specialistica',
  'laurea magistrale a ciclo unico',
  'master universitario',
);
stage(L8, 'dottorato', 'dottorato di ricerca');
stage(VOC, 'formazione professionale', 'istruzione e formazione professionale', 'iefp', 'istruzione tecnica');
marker('generic', true, 1, 'anno');
marker('generic', true, 2, 'anni');

// Dutch (Netherlands: NL-LOM / Edurep; Flanders).
stage(
  L0,
  'voorschool',
  'vve',
  'voor en vroegschoolse educatie',
  'kleuters',
  'kleuteronderwijs',
  'kleuterschool',
);
stage(L0, 'peuters', 'peuterspeelzaal', 'kinderopvang');
// Decision: PO (primair onderwijs) is ISCED 1; its groups 1-2 (kleuters) are ISCED 0 when named.
stage(L1, 'basisonderwijs', 'basisschool', 'primair onderwijs', 'po', 'lager onderwijs', 'lagere school');
stageMap(
  SEC,
  'nlVo',
  'voortgezet onderwijs',
  'vo',
  'secundair onderwijs',
  'middelbare school',
  'havo',
  'vwo',
);
stageMap(SEC, 'nlVo', 'atheneum', 'havo vwo');
stage(
  L2,
  'vmbo',
  'mavo',
  'vmbo t',
  'vmbo b',
  'vmbo k',
  'vmbo gt',
  'vmbo bb',
  'vmbo kb',
  'vmbo tl',
  'onderbouw',
);
stage(L2, 'praktijkonderwijs', 'eerste graad');
stage(L3, 'bovenbouw', 'tweede fase', 'derde graad');
// Decision: MBO is ISCED 3 and 4 (CBS: MBO 2-4 = ISCED 3, specialist MBO 4 = ISCED 4; entree = 2).
stageMap(L3 | L4, 'mbo', 'mbo', 'middelbaar beroepsonderwijs', 'bve', 'beroepsonderwijs', 'bol', 'bbl');
stageMap(L3 | L4, 'mbo', 'beroepsonderwijs en volwasseneneducatie', 'beroepsopleiding');
// Decision: HBO is associate degree (5), bachelor (6) and master (7); WO is bachelor, master, doctorate.
stage(L5 | L6 | L7, 'hbo', 'hoger beroepsonderwijs', 'hogeschool', 'hogescholen');
stage(UNIV, 'wo', 'wetenschappelijk onderwijs', 'universiteit', 'universiteiten', 'universitair');
stage(TERT, 'hoger onderwijs');
stage(L8, 'promotie', 'promovendi', 'promotieonderzoek');
marker('nlGroep', false, 0, 'groep', 'groepen');
marker('nlVo', false, 0, 'klas', 'klassen vo');
marker('generic', true, 0, 'leerjaar', 'leerjaren');
marker('generic', true, 2, 'jaar', 'jaren');
ordinals('w', [
  [1, 'eerste'],
  [2, 'tweede'],
  [3, 'derde'],
  [4, 'vierde'],
  [5, 'vijfde'],
  [6, 'zesde'],
  [7, 'zevende'],
  [8, 'achtste'],
]);

// Russian.
stage(L0, 'дошкольное образование', 'дошкольное', 'детский сад', 'дошкольники', 'дошкольного образования');
stage(L1, 'начальная школа', 'начальное общее образование', 'начальное образование', 'начальные классы');
stage(L1, 'начальное общее', 'начальной школы');
stage(L2, 'основная школа', 'основное общее образование', 'основное общее', 'основной школы');
stage(L3, 'старшая школа', 'старшие классы', 'среднее общее образование', 'среднее общее', 'старшей школы');
stage(L3, 'полное общее образование');
stage(SEC, 'средняя школа', 'среднее образование', 'средней школы');
stage(SCHOOL, 'школа', 'общее образование', 'школьное образование', 'школьники');
stage(VOC, 'спо', 'среднее профессиональное образование', 'среднее профессиональное', 'колледж', 'техникум');
stage(VOC, 'профессиональное образование', 'профессиональное обучение', 'профтехобразование', 'пту');
stage(TERT, 'высшее образование', 'высшее', 'высшая школа', 'высшего образования');
stage(UNIV, 'вуз', 'университет', 'вузы', 'вуза');
stage(L6, 'бакалавриат', 'бакалавр', 'бакалавров');
stage(L7, 'магистратура', 'магистр', 'магистров', 'специалитет');
stage(L8, 'аспирантура', 'аспирант', 'аспиранты', 'докторантура', 'кандидат наук');
marker('ru', false, 0, 'класс', 'классы', 'класса', 'классов', 'кл', 'классе');
ordinals('w', [
  [1, 'первый'],
  [2, 'второй'],
  [3, 'третий'],
  [4, 'четвертый'],
  [5, 'пятый'],
  [6, 'шестой'],
  [7, 'седьмой'],
  [8, 'восьмой'],
  [9, 'девятый'],
  [10, 'десятый'],
  [11, 'одиннадцатый'],
]);

// Turkish.
stage(L0, 'okul oncesi', 'okul oncesi egitim', 'anaokulu');
stage(L1, 'ilkokul', 'ilkogretim');
stage(L2, 'ortaokul');
stage(L3, 'lise', 'ortaogretim', 'meslek lisesi', 'anadolu lisesi');
stage(TERT, 'yuksekogretim');
stage(UNIV, 'universite');
stage(L5, 'on lisans');
stage(L6, 'lisans');
stage(L7, 'yuksek lisans');
stage(GRAD, 'lisansustu', 'lisansustu egitim');
stage(L8, 'doktora');

// Polish.
stage(L0, 'przedszkole', 'wychowanie przedszkolne');
stage(L1 | L2, 'szkola podstawowa');
stage(L2, 'gimnazjum');
stage(L3, 'liceum', 'liceum ogolnoksztalcace', 'technikum', 'szkola srednia', 'szkola ponadpodstawowa');
stage(VOC, 'szkola branzowa', 'szkola zawodowa');
stage(TERT, 'studia wyzsze', 'szkolnictwo wyzsze');
stage(UNIV, 'uniwersytet');
stage(L6, 'studia licencjackie', 'studia pierwszego stopnia', 'studia inzynierskie');
stage(L7, 'studia magisterskie', 'studia drugiego stopnia');
stage(L8, 'studia doktoranckie', 'szkola doktorska');
stage(L6, 'licencjat');
stage(L7, 'magisterium');

// Swedish, Norwegian, Danish, Finnish.
stage(L0, 'forskola', 'forskoleklass', 'barnehage', 'bornehave', 'esiopetus', 'varhaiskasvatus');
stage(
  L1 | L2,
  'grundskola',
  'grundskolan',
  'grunnskole',
  'folkeskole',
  'folkeskolen',
  'perusopetus',
  'peruskoulu',
);
stage(L1, 'barneskole', 'alakoulu', 'lagstadiet');
stage(L2, 'ungdomsskole', 'ylakoulu', 'hogstadiet');
stage(
  L3,
  'gymnasieskola',
  'gymnasieskolan',
  'gymnasiet',
  'videregaende skole',
  'videregaende opplaering',
  'lukio',
);
stage(VOC, 'yrkesutbildning', 'erhvervsuddannelse', 'ammatillinen koulutus', 'yrkesfag');
stage(L5, 'yrkeshogskola');
stage(TERT, 'hogskola', 'hogskolan', 'hoyskole', 'hogskole', 'korkeakoulu', 'ammattikorkeakoulu');
stage(UNIV, 'universitet', 'universitetet', 'yliopisto');
// Degrees ("kandidat" alone is a bachelor in Sweden and a master in Denmark: left out).
stage(L6, 'kandidatexamen', 'kandidaatti', 'kandidaatin tutkinto', 'bachelorgrad', 'bachelorexamen');
stage(L7, 'masterexamen', 'magisterexamen', 'maisteri', 'maisterin tutkinto', 'mastergrad');
stage(L8, 'doktorsexamen', 'tohtori', 'tohtorin tutkinto', 'doktorgrad');

// Indonesian and Malay.
stage(L0, 'pendidikan anak usia dini', 'paud', 'taman kanak kanak', 'prasekolah');
stage(L1, 'sekolah dasar', 'sekolah rendah', 'madrasah ibtidaiyah');
stage(L2, 'sekolah menengah pertama', 'smp', 'madrasah tsanawiyah');
stage(L3, 'sekolah menengah atas', 'sma', 'smk', 'sekolah menengah kejuruan', 'madrasah aliyah');
stage(SEC, 'sekolah menengah');
stage(TERT, 'perguruan tinggi', 'pendidikan tinggi', 'pengajian tinggi');
stage(UNIV, 'universitas', 'universiti');
stage(L5, 'diploma tiga');
stage(L6, 'sarjana', 'sarjana muda', 'program sarjana');
stage(L7, 'program magister', 'sarjana dua');
stage(L8, 'program doktor', 'sarjana tiga');

// Vietnamese (folded: tones and marks off, đ as d).
stage(L0, 'mam non', 'mau giao', 'nha tre');
stage(L1, 'tieu hoc');
stage(L2, 'trung hoc co so', 'thcs');
stage(L3, 'trung hoc pho thong', 'thpt');
stage(SEC, 'trung hoc');
stage(L5, 'cao dang');
stage(UNIV, 'dai hoc');
stage(L7, 'thac si', 'cao hoc');
stage(L8, 'tien si');

// Korean.
stage(L0, '유치원', '유아교육');
stage(L1, '초등학교', '초등', '초등교육');
stage(L2, '중학교');
stage(SEC, '중등', '중등교육');
stage(L3, '고등학교', '고교');
stage(TERT, '고등교육');
stage(UNIV, '대학교', '대학');
stage(GRAD, '대학원');
stage(L5, '전문대학', '전문학사');
stage(L6, '학사', '학사과정');
stage(L7, '석사', '석사과정');
stage(L8, '박사', '박사과정');

// Czech and Slovak.
stage(L0, 'mateřská škola', 'materská škola', 'předškolní vzdělávání', 'predškolské vzdelávanie');
stage(L1 | L2, 'základní škola', 'základná škola', 'základní vzdělávání', 'základné vzdelávanie');
stage(L3, 'střední škola', 'stredná škola', 'střední odborná škola', 'stredná odborná škola', 'maturita');
stage(L2 | L3, 'gymnázium');
stage(L5, 'vyšší odborná škola');
stage(TERT, 'vysoká škola', 'vysokoškolské vzdělávání', 'vysokoškolské vzdelávanie');
stage(UNIV, 'univerzita');

// Hungarian.
stage(L0, 'óvoda');
stage(L1 | L2, 'általános iskola');
stage(L3, 'középiskola', 'szakközépiskola', 'technikum', 'érettségi');
stage(L2 | L3, 'gimnázium');
stage(TERT, 'felsőoktatás');
stage(UNIV, 'egyetem');
stage(L6, 'főiskola', 'alapképzés');
stage(L7, 'mesterképzés');

// Romanian.
stage(L0, 'grădiniță', 'învățământ preșcolar');
stage(L1, 'școala primară', 'învățământ primar', 'ciclul primar');
stage(L2, 'gimnaziu', 'învățământ gimnazial', 'ciclul gimnazial');
stage(L3, 'liceu', 'învățământ liceal');
stage(TERT, 'învățământ superior');
stage(UNIV, 'universitate');

// Greek (folded: accents off).
stage(L0, 'νηπιαγωγείο', 'προσχολική εκπαίδευση');
stage(L1, 'δημοτικό', 'δημοτικό σχολείο', 'πρωτοβάθμια εκπαίδευση');
stage(L2, 'γυμνάσιο');
stage(L3, 'λύκειο', 'γενικό λύκειο', 'επαγγελματικό λύκειο');
stage(SEC, 'δευτεροβάθμια εκπαίδευση');
stage(TERT, 'τριτοβάθμια εκπαίδευση', 'ανώτατη εκπαίδευση');
stage(UNIV, 'πανεπιστήμιο');

// Ukrainian.
stage(L0, 'дошкільна освіта', 'дитячий садок');
stage(L1, 'початкова школа', 'початкова освіта');
stage(L2, 'базова середня освіта', 'гімназія');
stage(L3, 'профільна середня освіта', 'повна загальна середня освіта', 'ліцей', 'старша школа');
stage(SEC, 'середня освіта', 'загальна середня освіта');
stage(VOC, 'професійна освіта', 'професійно технічна освіта');
stage(TERT, 'вища освіта', 'заклад вищої освіти');
stage(UNIV, 'університет');
stage(L6, 'бакалавр', 'бакалаврат');
stage(L7, 'магістр', 'магістратура');
stage(L8, 'аспірантура', 'доктор філософії');

// Croatian, Serbian, Bosnian, Slovenian; Bulgarian.
stage(L0, 'predškolski odgoj', 'predškolsko vaspitanje', 'vrtić', 'vrtec', 'детска градина');
stage(L1 | L2, 'osnovna škola', 'osnovna šola', 'основна школа', 'основно образование');
stage(L1, 'начално образование');
stage(L3, 'srednja škola', 'srednja šola', 'gimnazija', 'средња школа');
stage(SEC, 'средно образование');
stage(TERT, 'visoko obrazovanje', 'visokošolsko izobraževanje', 'високо образовање', 'висше образование');
stage(UNIV, 'fakultet', 'sveučilište', 'univerzitet', 'univerza', 'факултет', 'универзитет');

// Lithuanian, Latvian, Estonian.
stage(L0, 'darželis', 'ikimokyklinis ugdymas', 'pirmsskola', 'lasteaed', 'alusharidus');
stage(L1, 'pradinė mokykla', 'pradinis ugdymas');
stage(L1 | L2, 'pagrindinė mokykla', 'pamatskola', 'pamatizglītība', 'põhikool', 'põhiharidus');
stage(L3, 'vidusskola', 'vidējā izglītība', 'gümnaasium', 'keskharidus');
stage(TERT, 'aukštasis mokslas', 'augstākā izglītība', 'augstskola', 'kõrgharidus');
stage(UNIV, 'universitetas', 'universitāte', 'ülikool');

// Catalan and Basque.
stage(L0, 'educació infantil', 'haur hezkuntza');
stage(L1, 'educació primària', 'lehen hezkuntza');
stage(L2, 'educació secundària obligatòria', 'derrigorrezko bigarren hezkuntza', 'dbh');
stage(L3, 'batxillerat', 'batxilergoa');
stage(VOC, 'formació professional', 'lanbide heziketa');
stage(UNIV, 'universitat', 'unibertsitatea');

// Hebrew.
stage(L0, 'גן ילדים', 'גן חובה');
stage(L1, 'בית ספר יסודי', 'יסודי');
stage(L2, 'חטיבת ביניים');
stage(L3, 'חטיבה עליונה', 'תיכון');
stage(TERT, 'השכלה גבוהה');
stage(UNIV, 'אוניברסיטה');
stage(L6, 'תואר ראשון');
stage(L7, 'תואר שני');
stage(L8, 'תואר שלישי', 'דוקטורט');

// Persian ("متوسطه" alone folds onto the Arabic "متوسطة", lower secondary, and is left to it).
stage(L0, 'پیش دبستانی', 'پیش‌دبستانی');
stage(L1, 'دبستان', 'ابتدایی');
stage(L2, 'دوره اول متوسطه', 'متوسطه اول');
stage(L3, 'دوره دوم متوسطه', 'متوسطه دوم');
stage(SEC, 'دبیرستان');
stage(TERT, 'آموزش عالی');
stage(UNIV, 'دانشگاه');
stage(L6, 'کارشناسی');
stage(L7, 'کارشناسی ارشد');
stage(L8, 'دکتری');

// Hindi.
stage(L0, 'पूर्व प्राथमिक', 'पूर्व-प्राथमिक', 'आंगनवाड़ी');
stage(L1, 'प्राथमिक', 'प्राथमिक विद्यालय', 'प्राथमिक शिक्षा');
stage(L2, 'उच्च प्राथमिक');
stage(SEC, 'माध्यमिक', 'माध्यमिक शिक्षा');
stage(L3, 'उच्चतर माध्यमिक', 'वरिष्ठ माध्यमिक');
stage(TERT, 'उच्च शिक्षा');
stage(UNIV, 'विश्वविद्यालय');
stage(L6, 'स्नातक');
stage(L7, 'स्नातकोत्तर');

// Thai (written without spaces: whole stage names).
stage(L0, 'อนุบาล', 'ปฐมวัย');
stage(L1, 'ประถมศึกษา');
stage(L2, 'มัธยมศึกษาตอนต้น');
stage(L3, 'มัธยมศึกษาตอนปลาย');
stage(SEC, 'มัธยมศึกษา');
stage(TERT, 'อุดมศึกษา');
stage(UNIV, 'มหาวิทยาลัย');
stage(L6, 'ปริญญาตรี');
stage(L7, 'ปริญญาโท');
stage(L8, 'ปริญญาเอก');

// Swahili (Tanzania, Kenya): stages as schools and ministries name them; kidato (form) 1-4 is ordinary level
// (lower secondary), 5-6 advanced level.
stage(L0, 'elimu ya awali', 'shule ya awali', 'chekechea', 'elimu ya chekechea', 'malezi ya awali');
stage(L1, 'elimu ya msingi', 'shule ya msingi', 'shule za msingi');
stage(L2, 'sekondari ya chini', 'kidato cha kwanza', 'kidato cha pili', 'kidato cha tatu', 'kidato cha nne');
stage(L3, 'sekondari ya juu', 'kidato cha tano', 'kidato cha sita');
stage(SEC, 'sekondari', 'elimu ya sekondari', 'shule ya sekondari', 'shule za sekondari');
stage(VOC, 'ufundi stadi', 'elimu ya ufundi', 'mafunzo ya ufundi', 'ufundi');
stage(L5, 'stashahada');
stage(TERT, 'elimu ya juu');
stage(UNIV, 'chuo kikuu', 'vyuo vikuu');
stage(L6, 'shahada ya kwanza');
stage(L7, 'shahada ya uzamili', 'uzamili');
stage(L8, 'shahada ya uzamivu', 'uzamivu');
words(NONLEVEL, 'elimu ya watu wazima', 'elimu ya juu ya watu wazima');

// Arabic (words are stored as the tokenizer leaves them: article off, ة as ه, relative -يه as -ي).
stage(L0, 'رياض الاطفال', 'روضه', 'رياض', 'ما قبل المدرسه', 'التعليم قبل المدرسي', 'الطفوله المبكره');
stage(L0, 'تعليم ما قبل المدرسه', 'الحضانه');
stage(L1, 'ابتدائي', 'التعليم الابتدائي', 'المرحله الابتدائي', 'المدرسه الابتدائي');
stage(L2, 'متوسط', 'متوسطه', 'اعدادي', 'المرحله المتوسطه', 'المرحله الاعدادي', 'التعليم المتوسط');
stage(L2, 'التعليم الاعدادي', 'التعليم الاساسي العليا');
stage(L3, 'ثانوي', 'التعليم الثانوي', 'المرحله الثانوي', 'المدرسه الثانوي', 'الثانويه العامه');
stage(L1 | L2, 'التعليم الاساسي', 'اساسي');
stage(TERT, 'التعليم العالي', 'تعليم عالي', 'التعليم العالى');
stage(UNIV, 'جامعي', 'جامعه', 'التعليم الجامعي', 'المرحله الجامعي', 'الجامعات');
stage(L6, 'بكالوريوس', 'ليسانس', 'البكالوريوس', 'المرحله الجامعي الاولي');
stage(L7, 'ماجستير', 'الماجستير');
stage(L8, 'دكتوراه', 'الدكتوراه');
stage(GRAD, 'دراسات عليا', 'الدراسات العليا');
stage(VOC, 'مهني', 'التعليم المهني', 'التعليم التقني', 'التعليم الفني', 'تدريب مهني', 'التدريب المهني');
stage(VOC, 'التعليم والتدريب المهني', 'التعليم التقني والمهني');
stage(SCHOOL, 'مدرسه', 'التعليم المدرسي', 'التعليم العام');
// In Arabic and Chinese a grade named with a stage counts within it ("الصف الأول الثانوي", "初中一年级").
marker('generic', true, 0, 'صف', 'الصف', 'صفوف');
ordinals('w', [
  [1, 'اول', 'اولي'],
  [2, 'ثاني'],
  [3, 'ثالث'],
  [4, 'رابع'],
  [5, 'خامس'],
  [6, 'سادس'],
  [7, 'سابع'],
  [8, 'ثامن'],
  [9, 'تاسع'],
  [10, 'عاشر'],
]);
T.push(['حادي عشر', { k: 'num', n: 11, ord: 'w' }]);
T.push(['ثاني عشر', { k: 'num', n: 12, ord: 'w' }]);

// Chinese (simplified and traditional; each is one token, cut out by the tokenizer).
export const HAN_TERMS: readonly (readonly [string, TermEntry])[] = [
  ...(
    [
      [
        L0,
        '幼儿',
        '学前教育',
        '学前',
        '幼儿园',
        '幼儿教育',
        '早期教育',
        '幼稚园',
        '幼兒園',
        '學前教育',
        '學前',
        '幼稚園',
      ],
      [L1, '小学', '小學', '国小', '國小', '初等教育', '小学校'],
      // Japanese school names (中学校 and 高等学校 are lower and upper secondary; 大学院 graduate school).
      [L2, '中学校'],
      [L3, '高等学校'],
      [L5, '短期大学', '専門学校'],
      [L7, '修士', '修士課程'],
      [L8, '博士課程'],
      [GRAD, '大学院'],
      [L0, '保育園'],
      [L2, '初中', '初级中学', '國中', '国中', '初中生', '初一', '初二', '初三', '初級中學'],
      [L3, '高中', '高级中学', '高級中學', '普通高中', '高一', '高二', '高三', '高中生'],
      [SEC, '中学', '中學', '中等教育'],
      [VOC, '中职', '中等职业教育', '职业教育', '職業教育', '职业培训', '技工学校', '中专', '技職教育'],
      [L5, '高职', '高等职业教育', '专科', '大专', '高職', '專科'],
      [TERT, '高等教育'],
      [UNIV, '大学', '大學', '高校'],
      [L6, '本科', '学士', '學士', '大学本科'],
      [GRAD, '研究生'],
      [L7, '硕士', '碩士', '硕士研究生'],
      [L8, '博士', '博士研究生'],
    ] as const
  ).flatMap(([m, ...terms]) =>
    terms.map((t): readonly [string, TermEntry] => {
      const entry: TermEntry = { k: 'stage', m };
      return [t, entry];
    }),
  ),
  ['年级', { k: 'marker', sys: 'generic', rel: true, ageAfter: 0 }],
  ['年級', { k: 'marker', sys: 'generic', rel: true, ageAfter: 0 }],
  ['岁', { k: 'age', at: 'post' }],
  ['歲', { k: 'age', at: 'post' }],
  ['以上', { k: 'up' }],
  ['至', { k: 'range', lead: 'none' }],
  ['到', { k: 'range', lead: 'none' }],
  ['成人教育', NONLEVEL],
  ['继续教育', NONLEVEL],
  ['教师培训', NONLEVEL],
  ['特殊教育', NONLEVEL],
  ['成人', ADULT],
  ['所有', NULL],
  ['全部', NULL],
  ['其他', NULL],
  ['通用', NULL],
  ['教师', NULL],
  ['学生', NULL],
];

/** Every term of the Latin, Cyrillic and Arabic tables, as written (they are folded and tokenized at load). */
export const TERMS: readonly (readonly [string, TermEntry])[] = T;

/** Letters that mark a grade only when a number follows with no space: "KS3", "CE1", "L3", "Y7", "S2". */
export const GLUED_MARKERS: readonly (readonly [string, GradeSystem])[] = G;

// ---------------------------------------------------------------------------------------------------------
// Concept URIs.

/** OpenEduHub educationalContext (the slug after /educationalContext/). */
export const OEH_CONTEXT: Readonly<Record<string, number>> = {
  elementarbereich: L0,
  grundschule: L1,
  sekundarstufe_1: L2,
  sekundarstufe_2: L3,
  hochschule: UNIV,
  berufliche_bildung: VOC,
  schule: SCHOOL,
  fortbildung: 0,
  erwachsenenbildung: 0,
  foerderschule: 0,
  fernunterricht: 0,
  informelles_lernen: 0,
};

/** LOM educational context (IEEE LOM vocabulary, OpenEduHub lom_educational-context). */
export const LOM_CONTEXT: Readonly<Record<string, number>> = {
  school: SCHOOL,
  higher_education: TERT,
  'higher education': TERT,
  training: VOC,
  other: 0,
};

/** OER World Map sectors (the fragment after sectors.json#). */
export const OERWORLDMAP_SECTORS: Readonly<Record<string, number>> = {
  earlyChildhood: L0,
  school: SCHOOL,
  higherEd: TERT,
  vocational: VOC,
  further: 0,
  general: 0,
};

/**
 * ScoLOMFR concepts by vocabulary and number: scolomfr-voc-022 (niveau éducatif détaillé) and
 * scolomfr-voc-012 (niveau). 0 = a concept that is not a level (continuing education, special needs, the
 * scheme's own top concepts).
 */
export const SCOLOMFR: Readonly<Record<string, number>> = (() => {
  const table: Record<string, number> = {};
  const set = (voc: string, m: number, nums: readonly number[]): void => {
    for (const n of nums) table[`${voc}-${String(n).padStart(3, '0')}`] = m;
  };
  // voc-022: école maternelle, cycle 1, petite/moyenne/grande section; cycle unique, cycle 1 (2016).
  set('022', L0, [2, 3, 4, 5, 6, 7, 616, 617]);
  // école élémentaire, cycle 2, CP-CM2, cycle 3 (before 2016: CE2-CM2), cycle 2 (2016).
  set('022', L1, [8, 9, 10, 11, 12, 13, 14, 15, 619]);
  // cycle 3 (2016): CM1, CM2 and 6e.
  set('022', L1 | L2, [620]);
  // collège, 6e-3e, cycles d'adaptation/central/d'orientation, collège professionnel, 3e/4e pro, cycle 4.
  set('022', L2, [16, 17, 18, 19, 20, 21, 22, 23, 138, 139, 141, 608, 621, 239]);
  // lycée: 2de-terminale (all tracks), lycée professionnel, CAP, BEP, BP, BT, BMA, BTM, MC, voies.
  set(
    '022',
    L3,
    [
      27, 40, 41, 42, 43, 44, 47, 48, 49, 50, 65, 66, 83, 84, 85, 88, 89, 90, 95, 96, 97, 98, 99, 100, 103,
      104, 122, 123, 124, 125, 126, 127, 128, 129, 131, 132, 133, 134, 135, 136, 142, 146, 153, 154, 165, 201,
      211, 212, 213, 214, 215, 221, 222, 223, 227, 230, 231, 233, 234, 237, 238, 240, 298,
    ],
  );
  // FC post niveau IV: post-secondary non-tertiary.
  set('022', L4, [288]);
  // BTS, DUT (section and years).
  set('022', L5, [101, 102, 111, 112, 195, 198]);
  // enseignement supérieur en lycée: BTS and CPGE.
  set('022', L5 | L6, [162]);
  // CPGE, licence professionnelle, DCG.
  set('022', L6, [109, 110, 185, 187, 226]);
  set('022', VOC, [284]);
  set('022', L0, [241]);
  set('022', L1, [242]);
  // Not a level: continuing education, special needs, scheme roots.
  set('022', 0, [63, 87, 94, 121, 140, 150, 151, 163, 164, 615, 618, 626]);
  // voc-012: enseignement primaire, enseignement secondaire.
  set('012', L1, [2]);
  set('012', SEC, [3]);
  return table;
})();
