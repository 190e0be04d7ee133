// CURATED tables from subject classification schemes to ISCED-F 2013 fields, read only by
// scripts/build-vocab.ts (which writes them into data-bundled/vocab/subject-schemes.json). Facts carried over:
// the codes of the schemes and, for the German university subject classification (Destatis "Systematik
// der Fächergruppen, Studienbereiche und Studienfächer", as published by DINI AG KIM as the
// Hochschulfächersystematik), the ISCED 1997 field Destatis itself assigns to each Studienfach (its key
// table). Everything else (ISCED 1997 -> ISCED-F 2013, the Fächergruppen and Studienbereiche, OpenEduHub
// disciplines, arXiv, Dewey and UDC classes, OER Commons subjects) is our own mapping. No labels of the
// Destatis scheme are shipped (its SKOS file declares a closed licence); only codes. Data only.

/** Destatis Studienfach code -> ISCED 1997 field, from the Destatis key table (column "ISCED"). */
export const DESTATIS_STUDIENFACH_ISCED97: string =
  '001:225 002:222 003:621 004:220 005:222 006:222 007:214 008:222 009:421 010:222 011:145 012:225 013:581 ' +
  '014:441 015:222 016:222 017:582 018:222 019:145 020:544 021:340 022:322 023:211 024:312 025:421 026:421 ' +
  '028:541 029:813 030:310 031:222 032:442 033:524 034:223 035:212 036:310 037:322 038:310 039:443 040:145 ' +
  '041:999 042:380 043:222 044:310 048:523 049:440 050:443 052:142 053:221 054:212 055:145 056:222 057:525 ' +
  '058:623 059:222 060:622 064:851 065:443 066:443 067:223 068:225 069:213 070:222 071:814 072:520 073:222 ' +
  '074:544 075:623 076:521 077:582 078:222 079:481 080:212 081:310 082:543 083:310 084:222 085:222 086:221 ' +
  '088:523 089:525 090:145 091:145 092:211 093:581 094:582 095:222 096:442 097:541 098:142 101:211 102:212 ' +
  '103:544 104:520 105:461 106:212 107:721 108:521 110:443 111:443 113:145 114:212 115:144 116:214 117:142 ' +
  '118:461 119:223 120:222 121:481 122:222 123:481 124:443 125:621 126:727 127:226 128:441 129:313 131:222 ' +
  '132:311 134:581 135:380 136:221 137:222 138:621 140:460 141:851 142:525 143:521 144:520 145:222 146:222 ' +
  '147:145 148:312 149:312 150:222 152:223 154:145 155:212 156:640 157:523 158:222 159:214 160:220 161:221 ' +
  '162:221 163:212 164:212 165:212 166:345 167:340 169:226 171:581 172:345 173:312 174:312 175:314 176:145 ' +
  '177:543 178:443 179:340 180:222 181:145 182:340 183:225 184:340 185:724 186:145 187:222 188:223 189:223 ' +
  '190:144 191:212 192:212 193:212 194:212 195:142 196:999 197:582 199:145 200:481 201:145 202:520 203:214 ' +
  '204:211 205:211 207:222 208:762 210:840 211:522 212:521 213:522 215:521 216:543 219:543 220:541 221:481 ' +
  '222:523 223:840 224:520 225:542 226:524 227:541 230:212 231:213 232:345 234:723 235:525 242:214 245:761 ' +
  '247:481 253:762 254:144 255:322 259:345 261:345 263:861 264:343 268:840 269:344 270:142 271:222 272:225 ' +
  '273:225 274:812 275:225 276:461 277:481 280:581 282:421 283:443 284:223 286:523 287:213 290:999 292:222 ' +
  '294:543 300:421 302:321 303:321 304:340 305:213 310:523 312:462 316:523 320:726 321:142 333:814 353:621 ' +
  '361:142 365:142 370:520 371:621 380:520 385:443 390:225 457:851 458:851 464:341 544:221 545:221 548:225 ' +
  '549:723 550:723 551:723 552:723';

/**
 * ISCED 1997 field -> ISCED-F 2013 field, after UNESCO-UIS's correspondence of the two classifications.
 * Foreign-language (222) and mother-tongue (223) subjects of a university subject scheme are philologies:
 * literature and linguistics (0232); the Destatis overrides below send language courses to 0231.
 */
export const ISCED97_TO_ISCED_F: Readonly<Record<string, string | null>> = {
  '142': '0111',
  '143': '0112',
  '144': '0113',
  '145': '0114',
  '146': '0114',
  '210': '021',
  '211': '0213',
  '212': '0215',
  '213': '0211',
  '214': '0212',
  '215': '0214',
  '220': '022',
  '221': '0221',
  '222': '0232',
  '223': '0232',
  '225': '0222',
  '226': '0223',
  '310': '031',
  '311': '0313',
  '312': '0314',
  '313': '0312',
  '314': '0311',
  '321': '0321',
  '322': '0322',
  '340': '041',
  '341': '0416',
  '342': '0414',
  '343': '0412',
  '344': '0411',
  '345': '0413',
  '346': '0415',
  '347': '0417',
  '380': '0421',
  '420': '051',
  '421': '0511',
  '422': '0521',
  '440': '053',
  '441': '0533',
  '442': '0531',
  '443': '0532',
  '460': '054',
  '461': '0541',
  '462': '0542',
  '480': '061',
  '481': '0613',
  '482': '0611',
  '520': '071',
  '521': '0715',
  '522': '0713',
  '523': '0714',
  '524': '0711',
  '525': '0716',
  '540': '072',
  '541': '0721',
  '542': '0723',
  '543': '0722',
  '544': '0724',
  '580': '073',
  '581': '0731',
  '582': '0732',
  '620': '081',
  '621': '0811',
  '622': '0812',
  '623': '0821',
  '624': '0831',
  '640': '0841',
  '720': '091',
  '721': '0912',
  '723': '0913',
  '724': '0911',
  '725': '0914',
  '726': '0915',
  '727': '0916',
  '760': '092',
  '761': '0922',
  '762': '0923',
  '810': '101',
  '811': '1013',
  '812': '1015',
  '813': '1014',
  '814': '1011',
  '815': '1012',
  '840': '1041',
  '850': '0712',
  '851': '0712',
  '852': '0522',
  '853': '1021',
  '860': '103',
  '861': '1032',
  '862': '1022',
  '863': '1031',
  '999': null,
};

/** Studienfächer whose ISCED-F field is not the one their ISCED 1997 field gives (our reading). */
export const DESTATIS_STUDIENFACH_OVERRIDES: Readonly<Record<string, string | null>> = {
  '018': '0231', // Berufsbezogene Fremdsprachenausbildung: language courses
  '271': '0231', // Deutsch als Fremdsprache oder als Zweitsprache
  '019': '05', // Orientierungsstudium MINT (Destatis: 145)
  '040': '021', // Interdisziplinäre Studien (Kunst) (Destatis: 145)
  '049': '05', // Interdisziplinäre Studien (Naturwissenschaften) (Destatis: 440)
  '055': '031', // Orientierungsstudium Gesellschaftswissenschaften (Destatis: 145)
  '025': '0512', // Biochemie: ISCED-F has a field of its own
  '064': '0522', // Naturschutz: natural environments and wildlife, not protection technology
  '160': '0232', // Computerlinguistik (Destatis: 220)
  '215': '0914', // Gesundheitstechnik (Destatis: 521)
  '232': '091', // Gesundheitswissenschaften/-management (Destatis: 345)
  '264': '0413', // Arbeits- und Sozialverwaltung, Berufsberatung (Destatis: 343)
  '292': '0221', // Islamische Studien/Islamische Theologie (Destatis: 222)
  '549': '0915', // Ergotherapie (Destatis: 723)
  '551': '0915', // Logopädie/Sprachtherapie (Destatis: 723)
  '552': '0915', // Physiotherapie (Destatis: 723)
};

/** Destatis Studienbereiche (two-digit codes) -> ISCED-F field (our mapping; null: spans broad fields). */
export const DESTATIS_STUDIENBEREICH: Readonly<Record<string, string | null>> = {
  '01': '022',
  '02': '0221',
  '03': '0221',
  '04': '0223',
  '05': '0222',
  '06': '0322',
  '07': '0232',
  '08': '0232',
  '09': '0232',
  '10': '0232',
  '11': '0232',
  '12': '0232',
  '13': '023',
  '14': '0314',
  '18': '0221',
  '19': '0321',
  '22': '1014',
  '23': '031',
  '24': '031',
  '25': '0312',
  '26': '0314',
  '27': '092',
  '28': '0421',
  '29': '0413',
  '30': '041',
  '31': '041',
  '32': '0313',
  '33': '011',
  '34': '0321',
  '35': '1014',
  '36': '05',
  '37': '0541',
  '39': '0533',
  '40': '0531',
  '41': '0916',
  '42': '0511',
  '43': '0532',
  '44': '0532',
  '48': '091',
  '49': '0912',
  '50': '0911',
  '51': '0841',
  '57': '0731',
  '58': '081',
  '59': '0821',
  '60': null,
  '61': '071',
  '62': '0724',
  '63': '071',
  '64': '071',
  '65': '0716',
  '66': '0731',
  '67': '0731',
  '68': '0732',
  '69': '0731',
  '70': '071',
  '71': '0613',
  '72': '0722',
  '74': '021',
  '75': '0213',
  '76': '021',
  '77': '021',
  '78': '0215',
  '79': '021',
  '80': '0215',
  '83': null,
};

/** Destatis Fächergruppen (one-digit codes) -> ISCED-F broad field (null: spans broad fields). */
export const DESTATIS_FAECHERGRUPPE: Readonly<Record<string, string | null>> = {
  '0': null,
  '1': '02',
  '2': '1014',
  '3': null,
  '4': '05',
  '5': '091',
  '7': '08',
  '8': '07',
  '9': '021',
};

/** OpenEduHub / WirLernenOnline discipline ids -> ISCED-F field (school subjects: foreign languages are 0231). */
export const OEH_DISCIPLINE: Readonly<Record<string, string | null>> = {
  '720': null, // Allgemein
  '20003': '0231', // Alt-Griechisch
  '04001': '081', // Agrarwirtschaft
  oeh01: null, // Arbeit, Ernährung, Soziales
  '020': '0417', // Arbeitslehre
  '04014': '1022', // Arbeitssicherheit
  '46014': '0533', // Astronomie
  '04002': '0732', // Bautechnik
  '040': null, // Berufliche Bildung (a level, not a field)
  '080': '0511', // Biologie
  '100': '0531', // Chemie
  '20041': '0231', // Chinesisch
  '12002': '0215', // Darstellendes Spiel
  '120': '023', // Deutsch
  '28002': '0231', // Deutsch als Zweitsprache
  '04005': '0713', // Elektrotechnik
  '04006': '1011', // Ernährung und Hauswirtschaft
  '20001': '0231', // Englisch
  '440': '0111', // Pädagogik
  '20090': '0231', // Esperanto
  '160': '0223', // Ethik
  '04007': '0212', // Farbtechnik und Raumgestaltung
  '20002': '0231', // Französisch
  '220': '0532', // Geografie
  '240': '0222', // Geschichte
  '48005': '031', // Gesellschaftskunde
  '260': '091', // Gesundheit
  '50001': '1011', // Hauswirtschaft
  '04009': '0722', // Holztechnik
  '320': '0613', // Informatik
  '340': '0111', // Interkulturelle Bildung
  '20004': '0231', // Italienisch
  '060': '021', // Kunst
  '04010': '1012', // Körperpflege
  '20005': '0231', // Latein
  '380': '0541', // Mathematik
  oeh04010: '0714', // Mechatronik
  '900': '0321', // Medienbildung
  '400': '0111', // Mediendidaktik
  '04011': '0715', // Metalltechnik
  '04003': '05', // MINT
  '420': '0215', // Musik
  '64018': '0521', // Nachhaltigkeit
  niederdeutsch: '023', // Niederdeutsch
  '44099': null, // Open Educational Resources
  '450': '0223', // Philosophie
  '460': '0533', // Physik
  '480': '0312', // Politik
  '510': '0313', // Psychologie
  '520': '0221', // Religion
  '20006': '0231', // Russisch
  '28010': null, // Sachunterricht (primary general studies)
  '560': null, // Sexualerziehung
  '44006': '0111', // Sonderpädagogik
  '20009': '0231', // Sorbisch
  '44007': '0922', // Sozialpädagogik
  '20007': '0231', // Spanisch
  '600': '1014', // Sport
  '04012': '0723', // Textiltechnik und Bekleidung
  '20008': '0231', // Türkisch
  '04013': '041', // Wirtschaft und Verwaltung
  '700': '0311', // Wirtschaftskunde
  '640': '0521', // Umweltgefährdung, Umweltschutz
  '660': null, // Verkehrserziehung
  '680': null, // Weiterbildung
  '50005': '0214', // Werken
  '72001': '0111', // Zeitgemäße Bildung
  '72002': '0413', // Projektmanagement
  '72003': '0912', // Evidenzbasierte Medizin
  '999': null, // Sonstiges
};

/**
 * arXiv archives and categories -> ISCED-F field. A category not listed takes its archive's field
 * ("cs.LG" -> "cs"). Archive names as arXiv writes them in oai_dc subjects ("Computer Science - Learning").
 */
export const ARXIV: Readonly<Record<string, string>> = {
  cs: '0613',
  'cs.NI': '0612',
  'cs.DB': '0612',
  'cs.CR': '0612',
  'cs.DL': '0322',
  'cs.NA': '0541',
  'cs.SY': '0714',
  'cs.RO': '0714',
  'cs.AR': '0714',
  'cs.ET': '0714',
  math: '0541',
  'math.ST': '0542',
  'math.PR': '0542',
  'math.IT': '0613',
  'math.MP': '0533',
  'math-ph': '0533',
  stat: '0542',
  physics: '0533',
  'physics.chem-ph': '0531',
  'physics.ao-ph': '0532',
  'physics.geo-ph': '0532',
  'physics.med-ph': '0914',
  'astro-ph': '0533',
  'cond-mat': '0533',
  'gr-qc': '0533',
  'hep-ex': '0533',
  'hep-lat': '0533',
  'hep-ph': '0533',
  'hep-th': '0533',
  'nucl-ex': '0533',
  'nucl-th': '0533',
  'quant-ph': '0533',
  nlin: '0533',
  'q-bio': '0511',
  'q-bio.BM': '0512',
  'q-fin': '0412',
  'q-fin.EC': '0311',
  econ: '0311',
  eess: '0714',
  // Archives arXiv has since merged into others; old identifiers still carry them.
  'alg-geom': '0541',
  'dg-ga': '0541',
  'funct-an': '0541',
  'q-alg': '0541',
  'chao-dyn': '0533',
  'solv-int': '0533',
  'patt-sol': '0533',
  'adap-org': '0533',
  'comp-gas': '0533',
  'mtrl-th': '0533',
  'supr-con': '0533',
  'acc-phys': '0533',
  'ao-sci': '0532',
  'atom-ph': '0533',
  'plasm-ph': '0533',
  'chem-ph': '0531',
  'bayes-an': '0542',
  'cmp-lg': '0613',
};

/** arXiv archive names (oai_dc subjects "Archive - Category name") -> archive id. */
export const ARXIV_ARCHIVE_NAMES: Readonly<Record<string, string>> = {
  'computer science': 'cs',
  mathematics: 'math',
  statistics: 'stat',
  physics: 'physics',
  astrophysics: 'astro-ph',
  'condensed matter': 'cond-mat',
  'general relativity and quantum cosmology': 'gr-qc',
  'high energy physics': 'hep-th',
  'high energy physics - experiment': 'hep-ex',
  'high energy physics - lattice': 'hep-lat',
  'high energy physics - phenomenology': 'hep-ph',
  'high energy physics - theory': 'hep-th',
  'mathematical physics': 'math-ph',
  'nonlinear sciences': 'nlin',
  'nuclear experiment': 'nucl-ex',
  'nuclear theory': 'nucl-th',
  'quantum physics': 'quant-ph',
  'quantitative biology': 'q-bio',
  'quantitative finance': 'q-fin',
  economics: 'econ',
  'electrical engineering and systems science': 'eess',
};

/**
 * Dewey Decimal Classification: class number prefixes (digits only, the point removed) -> ISCED-F field.
 * The longest listed prefix of a number decides ("621.38" -> "62138" -> "6213"... -> 0714).
 */
export const DDC: Readonly<Record<string, string | null>> = {
  '0': null,
  '004': '0613',
  '005': '0613',
  '006': '0613',
  '01': '0322',
  '02': '0322',
  '07': '0321',
  '1': '0223',
  '13': null,
  '15': '0313',
  '2': '0221',
  '3': '031',
  '30': '0314',
  '31': '0542',
  '32': '0312',
  '33': '0311',
  '332': '0412',
  '34': '0421',
  '35': '0413',
  '355': '1031',
  '36': '0923',
  '364': '0314',
  '368': '0412',
  '37': '0111',
  '38': '041',
  '381': '0416',
  '384': '0714',
  '385': '1041',
  '386': '1041',
  '387': '1041',
  '388': '1041',
  '39': '0314',
  '4': '023',
  '41': '0232',
  '5': '05',
  '51': '0541',
  '5192': '0542',
  '5195': '0542',
  '52': '0533',
  '53': '0533',
  '54': '0531',
  '55': '0532',
  '56': '0532',
  '57': '0511',
  '572': '0512',
  '58': '0511',
  '59': '0511',
  '6': '07',
  '61': '0912',
  '613': '091',
  '614': '091',
  '615': '0916',
  '6176': '0911',
  '62': '071',
  '621': '0715',
  '6213': '0713',
  '62138': '0714',
  '62139': '0714',
  '622': '0724',
  '623': '1031',
  '624': '0732',
  '625': '0732',
  '627': '0732',
  '628': '0712',
  '629': '0716',
  '63': '081',
  '634': '0812',
  '6349': '0821',
  '635': '0812',
  '636': '0811',
  '637': '0721',
  '639': '0831',
  '64': '1011',
  '65': '041',
  '651': '0415',
  '657': '0411',
  '658': '0413',
  '659': '0414',
  '66': '0711',
  '664': '0721',
  '67': '072',
  '677': '0723',
  '68': '072',
  '69': '0732',
  '7': '021',
  '71': '0731',
  '72': '0731',
  '73': '0213',
  '74': '0213',
  '745': '0214',
  '746': '0214',
  '75': '0213',
  '76': '0213',
  '77': '0211',
  '78': '0215',
  '79': '1015',
  '791': '0215',
  '7914': '0211',
  '792': '0215',
  '796': '1014',
  '797': '1014',
  '798': '1014',
  '799': '1014',
  '8': '0232',
  '9': '0222',
  '91': '0532',
};

/** Universal Decimal Classification (UDC / УДК / CDU): prefixes (digits only) -> ISCED-F field. */
export const UDC: Readonly<Record<string, string | null>> = {
  '0': null,
  '004': '0613',
  '02': '0322',
  '070': '0321',
  '1': '0223',
  '1599': '0313',
  '2': '0221',
  '3': '031',
  '30': '0314',
  '311': '0542',
  '314': '0314',
  '316': '0314',
  '32': '0312',
  '33': '0311',
  '336': '0412',
  '34': '0421',
  '35': '0413',
  '355': '1031',
  '36': '0923',
  '37': '0111',
  '39': '0314',
  '5': '05',
  '502': '0521',
  '504': '0521',
  '51': '0541',
  '5192': '0542',
  '52': '0533',
  '53': '0533',
  '54': '0531',
  '55': '0532',
  '56': '0532',
  '57': '0511',
  '577': '0512',
  '58': '0511',
  '59': '0511',
  '6': '07',
  '61': '0912',
  '614': '091',
  '615': '0916',
  '61631': '0911',
  '619': '0841',
  '62': '071',
  '621': '0715',
  '6213': '0713',
  '62138': '0714',
  '62139': '0714',
  '622': '0724',
  '623': '1031',
  '624': '0732',
  '625': '0732',
  '626': '0732',
  '627': '0732',
  '628': '0712',
  '629': '0716',
  '63': '081',
  '630': '0821',
  '631': '0811',
  '632': '0811',
  '633': '0811',
  '634': '0812',
  '635': '0812',
  '636': '0811',
  '637': '0721',
  '638': '0811',
  '639': '0831',
  '64': '1011',
  '65': '041',
  '654': '0714',
  '655': '0211',
  '656': '1041',
  '657': '0411',
  '658': '0413',
  '659': '0414',
  '66': '0711',
  '663': '0721',
  '664': '0721',
  '67': '072',
  '677': '0723',
  '68': '072',
  '69': '0732',
  '7': '021',
  '71': '0731',
  '72': '0731',
  '73': '0213',
  '74': '0213',
  '75': '0213',
  '76': '0213',
  '77': '0211',
  '78': '0215',
  '79': '1015',
  '791': '0211',
  '792': '0215',
  '793': '0215',
  '796': '1014',
  '797': '1014',
  '8': '023',
  '80': '0232',
  '81': '0232',
  '811': '023',
  '82': '0232',
  '9': '0222',
  '91': '0532',
};

/** OER Commons subject slugs (its own subject list) -> ISCED-F field (null: a level or audience, not a field). */
export const OER_COMMONS: Readonly<Record<string, string | null>> = {
  accounting: '0411',
  'adult-education': null,
  agriculture: '081',
  algebra: '0541',
  'anatomy-physiology': '0912',
  anthropology: '0314',
  'applied-science': null,
  'architecture-and-design': '0731',
  'art-history': '0213',
  'arts-and-humanities': '02',
  assessment: '0111',
  astronomy: '0533',
  'atmospheric-science': '0532',
  biology: '0511',
  botany: '0511',
  'business-and-communication': '041',
  calculus: '0541',
  'career-and-technical-education': null,
  chemistry: '0531',
  communication: '0321',
  'composition-and-rhetoric': '0232',
  'computer-science': '0613',
  'computing-and-information': '061',
  'criminal-justice': '1032',
  'cultural-geography': '0314',
  'curriculum-instruction': '0111',
  dance: '0215',
  'early-childhood-development': '0922',
  ecology: '0521',
  economics: '0311',
  education: '011',
  'educational-technology': '0111',
  'electronic-technology': '0714',
  'elementary-education': '0113',
  engineering: '071',
  'english-language-arts': '023',
  'environmental-science': '0521',
  'environmental-studies': '0521',
  'ethnic-studies': '0314',
  'film-and-music-production': '0211',
  finance: '0412',
  'forestry-and-agriculture': '08',
  functions: '0541',
  'gender-and-sexuality-studies': '0314',
  'general-law': '0421',
  genetics: '0511',
  geology: '0532',
  geometry: '0541',
  'graphic-arts': '0211',
  'graphic-design': '0211',
  'health-medicine-and-nursing': '091',
  'higher-education': null,
  history: '0222',
  'history-law-politics': null,
  hydrology: '0532',
  'information-science': '0322',
  journalism: '0321',
  'language-education-esl': '0231',
  'language-grammar-and-vocabulary': '0231',
  languages: '023',
  law: '0421',
  'life-science': '0511',
  literature: '0232',
  management: '0413',
  manufacturing: '072',
  'maritime-science': '0532',
  marketing: '0414',
  mathematics: '0541',
  'measurement-and-data': '0541',
  music: '0215',
  nutrition: '0915',
  oceanography: '0532',
  'performing-arts': '0215',
  philosophy: '0223',
  'physical-science': '053',
  physics: '0533',
  'political-science': '0312',
  'professional-development': null,
  psychology: '0313',
  'public-relations': '0414',
  'ratios-and-proportions': '0541',
  'reading-foundation-skills': '0021',
  'reading-informational-text': '023',
  'reading-literature': '0232',
  'religious-studies': '0221',
  'social-science': '031',
  'social-work': '0923',
  sociology: '0314',
  'space-science': '0533',
  'speaking-and-listening': '0231',
  'special-education': '0111',
  'statistics-and-probability': '0542',
  technology: null,
  trigonometry: '0541',
  'u-s-history': '0222',
  'visual-arts': '0213',
  'world-cultures': '0314',
  'world-history': '0222',
  zoology: '0511',
};
