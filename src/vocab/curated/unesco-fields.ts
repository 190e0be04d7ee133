// CURATED rules that map UNESCO Thesaurus concepts to ISCED-F 2013 fields, applied by
// scripts/build-vocab.ts in this order (the first that gives a field wins):
//   1. CONCEPT_FIELDS below: a concept named here (by its English preferred label) gets that field;
//   2. anchors: a concept whose preferred or alternative label (any language) is the name of exactly one
//      field (an ISCED-F label or a name in subject-terms.ts) gets that field, unless its
//      micro-thesaurus points to another broad field (the physics concept "Mechanics" is not ISCED-F 0715
//      "Mechanics and metal trades");
//   3. inheritance: otherwise the field of the nearest broader concept that has one from 1 or 2
//      ("Organic chemistry" < "Chemistry" -> 0531);
//   4. otherwise the default of the concept's micro-thesaurus (MICRO_THESAURUS_FIELDS), if any.
// A field is "weak" when it comes from an education-domain micro-thesaurus or from a weak default: weak
// fields are a record's field only when nothing stronger is found, so that generic concepts ("Education",
// "Students", "Women", "Innovation") do not take over records about something else. Micro-thesauri of
// method, research management, document types, equipment and countries give no field at all.
// Written for OER Atlas; read only by the build script. Data only.

export interface FieldRule {
  readonly field: string | null;
  readonly weak?: boolean;
}

/** Micro-thesaurus notation -> default field for its concepts (null: no field). */
export const MICRO_THESAURUS_FIELDS: Readonly<Record<string, FieldRule>> = {
  '1.05': { field: '0111', weak: true }, // Educational sciences and environment
  '1.10': { field: '0111', weak: true }, // Educational policy
  '1.15': { field: '0111', weak: true }, // Educational planning
  '1.20': { field: '0111', weak: true }, // Educational administration
  '1.25': { field: '0111', weak: true }, // Educational management
  '1.30': { field: '0111', weak: true }, // Educational systems and levels
  '1.35': { field: '0111', weak: true }, // Educational institutions
  '1.40': { field: '0111', weak: true }, // Curriculum
  '1.45': { field: '0111', weak: true }, // Basic and general study subjects ("Biology education" -> see build)
  '1.50': { field: '011', weak: true }, // Technical and vocational study subjects
  '1.55': { field: '0111', weak: true }, // Educational population
  '1.60': { field: '0111', weak: true }, // Teaching and training
  '1.65': { field: '0111', weak: true }, // Educational evaluation
  '1.70': { field: '0111', weak: true }, // Educational facilities
  '2.05': { field: null }, // Scientific approach (methods, evaluation, design)
  '2.10': { field: null }, // Science and research management
  '2.15': { field: '0541' }, // Mathematics and statistics
  '2.20': { field: '0533' }, // Physical sciences
  '2.25': { field: '0531' }, // Chemical sciences
  '2.30': { field: '0533' }, // Space sciences (astronomy is physics in ISCED-F)
  '2.35': { field: '0532' }, // Earth sciences
  '2.40': { field: '0532' }, // Geography and oceanography
  '2.45': { field: '0532' }, // Meteorology
  '2.50': { field: '0532' }, // Hydrology
  '2.55': { field: '0521' }, // Environmental sciences and engineering
  '2.60': { field: '0521' }, // Pollution, disasters and safety
  '2.65': { field: '052' }, // Natural resources
  '2.70': { field: '0511' }, // Biology
  '2.75': { field: '0511' }, // Natural sciences (plants, animals, zoology)
  '2.80': { field: '0912' }, // Medical sciences
  '2.85': { field: '0912' }, // Pathology
  '3.05': { field: '0314', weak: true }, // Culture
  '3.10': { field: '0314', weak: true }, // Cultural policy and planning
  '3.15': { field: '0223' }, // Philosophy and ethics
  '3.20': { field: '0221' }, // Religion
  '3.25': { field: '0222' }, // History
  '3.30': { field: '0232' }, // Linguistics
  '3.35': { field: '023' }, // Languages (names of languages: acquisition or philology cannot be told)
  '3.40': { field: '0232' }, // Literature
  '3.45': { field: '021' }, // Art
  '3.50': { field: '0213' }, // Visual arts
  '3.55': { field: '0215' }, // Performing arts
  '3.60': { field: '0322' }, // Museums (museology)
  '3.65': { field: '1015', weak: true }, // Leisure
  '4.05': { field: '031' }, // Social sciences
  '4.10': { field: '0313' }, // Psychology
  '4.15': { field: '0314', weak: true }, // Social systems
  '4.20': { field: '0314', weak: true }, // Social problems
  '4.25': { field: '0923' }, // Social policy and welfare
  '4.30': { field: '0314', weak: true }, // Ethnic questions
  '4.35': { field: null }, // Population (groups of people: children, women, youth; demography below)
  '4.40': { field: '0314', weak: true }, // Family
  '4.45': { field: '0314', weak: true }, // Human settlements and land use
  '5.05': { field: '0322' }, // Information sciences
  '5.10': { field: '0321' }, // Communication research and policy
  '5.15': { field: '0322' }, // Information management
  '5.20': { field: '032' }, // Information industry
  '5.25': { field: '0322' }, // Documentary information systems
  '5.30': { field: null }, // Information sources (document types, not subjects)
  '5.35': { field: '0322' }, // Documentary information processing
  '5.40': { field: '0613' }, // Information technology (software)
  '5.45': { field: '061' }, // Information technology (hardware)
  '6.05': { field: '0421' }, // Legal systems
  '6.10': { field: '0421', weak: true }, // Human rights
  '6.15': { field: '0312' }, // Politics and government
  '6.20': { field: '0312' }, // International relations
  '6.25': { field: '0311' }, // Economics
  '6.30': { field: '0311', weak: true }, // Economic and social development
  '6.35': { field: '081' }, // Agriculture
  '6.40': { field: '072', weak: true }, // Industry
  '6.45': { field: '0732' }, // Civil, military and mining engineering
  '6.50': { field: '071' }, // Manufacturing and transport engineering
  '6.55': { field: '072', weak: true }, // Materials and products
  '6.60': { field: null }, // Equipment and facilities
  '6.65': { field: '1041' }, // Services (mostly transport)
  '6.70': { field: '0412' }, // Finance and trade
  '6.75': { field: '0413' }, // Organization and management
  '6.80': { field: '0413' }, // Personnel management
  '6.85': { field: '0311' }, // Labour (labour economics)
  '7.05': { field: null }, // Africa
  '7.10': { field: null }, // Americas and the Caribbean
  '7.15': { field: null }, // Asia and the Pacific
  '7.20': { field: null }, // Europe
  '7.25': { field: null }, // Political groupings
  '7.30': { field: null }, // Economic groupings
  '7.35': { field: null }, // Geographic groupings
  '7.40': { field: null }, // Ethnic and religious groupings
  '7.45': { field: null }, // Linguistic groupings
};

/**
 * Concepts (by English preferred label) whose field differs from what anchors, inheritance and their
 * micro-thesaurus would give. `weak` keeps a generic concept from deciding a record alone.
 */
export const CONCEPT_FIELDS: Readonly<Record<string, FieldRule>> = {
  // Education: the discipline itself and teacher training are fields of their own, not weak defaults.
  'Educational sciences': { field: '0111' },
  'Educational psychology': { field: '0111' },
  'Educational sociology': { field: '0111' },
  'Comparative education': { field: '0111' },
  'Educational technology': { field: '0111' },
  'Teacher education': { field: '011' },
  'Preservice teacher education': { field: '011' },
  'Inservice teacher education': { field: '011' },
  'Teacher educator training': { field: '011' },
  'Primary teacher education': { field: '0113' },
  'Preschool teacher education': { field: '0112' },
  'Secondary teacher education': { field: '0114' },
  'Special teacher education': { field: '0114' },
  'Technical teacher education': { field: '0114' },
  'Child care': { field: '0922' },
  'Day nurseries': { field: '0922' },
  'Vocational guidance': { field: '0923' },
  Literacy: { field: '0021', weak: true },
  Numeracy: { field: '0021', weak: true },
  'Functional literacy': { field: '0021', weak: true },
  'Adult literacy': { field: '0021', weak: true },
  'Information literacy': { field: '0322', weak: true },
  'Media education': { field: '0321', weak: true },
  'Medical education': { field: '0912', weak: true },
  'Agricultural education': { field: '081', weak: true },
  'Veterinary education': { field: '0841', weak: true },
  'Architecture education': { field: '0731', weak: true },
  'Library education': { field: '0322', weak: true },
  'Archive education': { field: '0322', weak: true },
  'Journalist education': { field: '0321', weak: true },
  'Computer science education': { field: '0613', weak: true },
  'Information science education': { field: '0322', weak: true },
  'Management education': { field: '0413', weak: true },
  'Commercial education': { field: '041', weak: true },
  'Economics education': { field: '0311', weak: true },
  'Military education': { field: '1031', weak: true },
  'Film making training': { field: '0211', weak: true },
  'Physical education': { field: '1014' },
  'Mother tongue instruction': { field: '023', weak: true },
  'Second language instruction': { field: '0231' },
  'Language of instruction': { field: '023', weak: true },
  'Language laboratories': { field: '0231', weak: true },
  'Food preparation': { field: '1013', weak: true },
  'Public speaking': { field: '0321', weak: true },
  'Computer uses in education': { field: '0111', weak: true },
  'Educational software': { field: '0111', weak: true },
  'Open educational resources': { field: null },
  'Teaching materials': { field: null },
  'Lesson plans': { field: null },
  'Learning packages': { field: null },
  'Educational films': { field: null },
  'Educational video': { field: null },
  Education: { field: '011', weak: true },
  Skills: { field: null },
  Information: { field: '0322', weak: true },
  // Science in general: a broad field, never decisive.
  Science: { field: '05', weak: true },
  'Natural sciences': { field: '05' },
  'Basic sciences': { field: '05', weak: true },
  'Life sciences': { field: '0511' },
  'History of science': { field: '0222', weak: true },
  'Science philosophy': { field: '0223' },
  'Ethics of science': { field: '0223', weak: true },
  'Ethics of technology': { field: '0223', weak: true },
  'Ethics of neurotechnology': { field: '0223', weak: true },
  Technology: { field: '07', weak: true },
  'High technology': { field: '07', weak: true },
  Nanotechnology: { field: '071' },
  Automation: { field: '0714' },
  Mechanization: { field: '071', weak: true },
  Metrology: { field: '0533', weak: true },
  Geographers: { field: '0532', weak: true },
  Hydrologists: { field: '0532', weak: true },
  Mathematicians: { field: '0541', weak: true },
  Environmentalists: { field: '0521', weak: true },
  // Mathematics and statistics
  Algorithms: { field: '0613' },
  'Data visualization': { field: '0542' },
  'Operations research': { field: '0541' },
  'Mathematical models': { field: '0541', weak: true },
  'Linear programming': { field: '0541' },
  // Physical and earth sciences
  'Space exploration': { field: '0716' },
  'Remote sensing': { field: '0532' },
  Cartography: { field: '0731' },
  Photogrammetry: { field: '0731' },
  'Geological surveying': { field: '0532' },
  'Hydrographic surveying': { field: '0532' },
  'Engineering geology': { field: '0532' },
  'Geographical information systems': { field: '0532' },
  'Marine biology': { field: '0511' },
  'Physical geography': { field: '0532' },
  'Historical geography': { field: '0222' },
  'Political geography': { field: '0312' },
  // Biology, health
  Anthropology: { field: '0314' },
  'Cultural anthropology': { field: '0314' },
  'Prehistoric man': { field: '0222' },
  Anatomy: { field: '0912' },
  Biotechnology: { field: '0511' },
  Cloning: { field: '0511' },
  'Genetically modified organisms': { field: '0511' },
  Nursing: { field: '0913' },
  'Paramedical personnel': { field: '0913' },
  Dentistry: { field: '0911' },
  'Veterinary medicine': { field: '0841' },
  'Animal diseases': { field: '0841' },
  Health: { field: '091' },
  'Health policy': { field: '091' },
  'Health services': { field: '091' },
  'Health statistics': { field: '091' },
  Hospitals: { field: '091' },
  Patients: { field: '091', weak: true },
  'Medical centres': { field: '091' },
  Pharmacology: { field: '0916' },
  Pharmacists: { field: '0916' },
  Drugs: { field: '0916' },
  'Pharmaceutical technology': { field: '0916' },
  'Pharmaceutical industry': { field: '0916', weak: true },
  'Speech therapy': { field: '0915' },
  Therapy: { field: '0915' },
  'Sensory aids': { field: '0914' },
  'Medical technology': { field: '0914' },
  Acupuncture: { field: '0917' },
  Homeopathy: { field: '0917' },
  'Systems of medicine': { field: '0917' },
  Hygiene: { field: '1022' },
  'Occupational medicine': { field: '1022' },
  'Clinical psychology': { field: '0313' },
  Psychotherapy: { field: '0313' },
  Psychoanalysis: { field: '0313' },
  'Drug psychotherapy': { field: '0912' },
  Neuropsychology: { field: '0313' },
  Psychophysiology: { field: '0313' },
  'Sports medicine': { field: '0912' },
  Disabilities: { field: '0921', weak: true },
  Elderly: { field: '0921', weak: true },
  Gerontology: { field: '0921' },
  Sanitation: { field: '1021' },
  Sewers: { field: '1021' },
  'Waste treatment': { field: '0712' },
  'Environmental engineering': { field: '0712' },
  'Pollution control': { field: '0712' },
  'Noise control': { field: '0712' },
  Desalination: { field: '0712' },
  'Wildlife conservation': { field: '0522' },
  'Nature conservation': { field: '0522' },
  'Natural environment': { field: '0522' },
  'Natural heritage': { field: '0522' },
  'Zoological gardens': { field: '0522' },
  'Botanical gardens': { field: '0522' },
  'Endangered species': { field: '0522' },
  'Energy resources': { field: '0713' },
  'Mineral resources': { field: '0724' },
  'Marine mineral resources': { field: '0724' },
  'Gas resources': { field: '0724' },
  'Petroleum resources': { field: '0724' },
  'Coal resources': { field: '0724' },
  'Fuel resources': { field: '0724' },
  Petroleum: { field: '0724' },
  'Petroleum products': { field: '0724' },
  Coal: { field: '0724' },
  Plastics: { field: '0722' },
  Paper: { field: '0722' },
  'Composite materials': { field: '0722' },
  'Building materials': { field: '0732' },
  Concrete: { field: '0732' },
  Cement: { field: '0732' },
  Bricks: { field: '0732' },
  'Building stones': { field: '0732' },
  'Adobe bricks': { field: '0732' },
  Glass: { field: '0722' },
  Meat: { field: '0721' },
  Vegetables: { field: '0812' },
  Fruit: { field: '0812' },
  Flowers: { field: '0812' },
  Leather: { field: '0723' },
  Textiles: { field: '0723' },
  Fibres: { field: '0723' },
  Silk: { field: '0723' },
  'Animal behaviour': { field: '0511' },
  'Animal migration': { field: '0511' },
  'Animal ecology': { field: '0511' },
  'Human species': { field: null },
  Safety: { field: null },
  Conferences: { field: null },
  Aesthetics: { field: '0223' },
  'Occupational safety': { field: '1022' },
  'Occupational diseases': { field: '1022' },
  'Fire protection': { field: '1032' },
  'Radiation protection': { field: '0533' },
  'Nuclear safety': { field: '0713' },
  // Culture, arts, languages
  'Cultural studies': { field: '0314' },
  'Cultural heritage': { field: '0222', weak: true },
  'Intangible cultural heritage': { field: '0314', weak: true },
  'Restoration of paintings': { field: '0213' },
  'Preservation of works of art': { field: '0213' },
  'Conservation techniques': { field: '0322' },
  'Digital preservation': { field: '0322' },
  'Document preservation': { field: '0322' },
  'Documentary heritage': { field: '0322' },
  Fashion: { field: '0212' },
  Hunting: { field: '0811', weak: true },
  'Art history': { field: '0213' },
  'Art criticism': { field: '0213' },
  Architecture: { field: '0731' },
  'Traditional architecture': { field: '0731' },
  'Interior architecture': { field: '0212' },
  'Building design': { field: '0731' },
  'Landscape design': { field: '0731' },
  'Urban planning': { field: '0731' },
  'Rural planning': { field: '0731' },
  'Housing design': { field: '0731' },
  Handicrafts: { field: '0214' },
  Pottery: { field: '0214' },
  'Ceramic art': { field: '0214' },
  Jewelry: { field: '0214' },
  'Textile arts': { field: '0214' },
  Tapestry: { field: '0214' },
  Carpets: { field: '0214' },
  'Decorative arts': { field: '0214' },
  'Art glass': { field: '0214' },
  'Art metalwork': { field: '0214' },
  Furniture: { field: '0212' },
  Photography: { field: '0211' },
  'Aerial photography': { field: '0211' },
  Holography: { field: '0533' },
  'Technical drawing': { field: '0732' },
  Cinema: { field: '0211' },
  Films: { field: '0211' },
  'Film making': { field: '0211' },
  'Film scripts': { field: '0211' },
  'Film industry': { field: '0211' },
  'History of cinema': { field: '0211' },
  'Short films': { field: '0211' },
  'Television films': { field: '0211' },
  'Childrens films': { field: '0211' },
  'News films': { field: '0211' },
  Cartoons: { field: '0211' },
  'Theatre management': { field: '0215' },
  Interpreting: { field: '0231' },
  'Translation services': { field: '0231' },
  'Automatic translation': { field: '0613' },
  'Computational linguistics': { field: '0232' },
  'Sign languages': { field: '0231' },
  'Modern languages': { field: '023' },
  'Language policy': { field: '0232', weak: true },
  Shorthand: { field: '0415' },
  Museums: { field: '0322' },
  Sport: { field: '1014' },
  'Sports facilities': { field: '1014' },
  'Sports competitions': { field: '1014' },
  'Olympic Games': { field: '1014' },
  Athletes: { field: '1014' },
  Swimming: { field: '1014' },
  Doping: { field: '1014' },
  Tourism: { field: '1015' },
  Ecotourism: { field: '1015' },
  'Cultural tourism': { field: '1015' },
  // Social sciences
  'Social psychology': { field: '0313' },
  Ethnopsychology: { field: '0313' },
  Criminology: { field: '0314' },
  Sociology: { field: '0314' },
  Ethnology: { field: '0314' },
  Demography: { field: '0314' },
  Population: { field: '0314' },
  'Population dynamics': { field: '0314' },
  'Population projections': { field: '0314' },
  'Population policy': { field: '0314' },
  'Population distribution': { field: '0314' },
  Migration: { field: '0314' },
  'Migration policy': { field: '0314' },
  'Birth rate': { field: '0314' },
  'Social work': { field: '0923' },
  'Social workers': { field: '0923' },
  Counselling: { field: '0923' },
  'Child welfare': { field: '0922' },
  'Residential child care': { field: '0922' },
  'Rural sociology': { field: '0314' },
  'Urban sociology': { field: '0314' },
  'Public administration': { field: '0413' },
  State: { field: '0312', weak: true },
  'Civil service': { field: '0413' },
  'Armed forces': { field: '1031' },
  Defence: { field: '1031' },
  'Military strategy': { field: '1031' },
  Warfare: { field: '1031', weak: true },
  'Military operations': { field: '1031' },
  'Military engineering': { field: '1031' },
  'Urban warfare': { field: '1031' },
  'Air warfare': { field: '1031' },
  'Nuclear warfare': { field: '1031' },
  'Chemical/biological warfare': { field: '1031' },
  // Information and communication
  'Computer science': { field: '0613' },
  Cybernetics: { field: '0613' },
  Advertising: { field: '0414' },
  'Press advertising': { field: '0414' },
  'Radio advertising': { field: '0414' },
  'Television advertising': { field: '0414' },
  'Public relations': { field: '0414' },
  'Open access': { field: '0322', weak: true },
  'Open data': { field: '0322', weak: true },
  'Data protection': { field: '0612' },
  'Technical writing': { field: '0321', weak: true },
  Journalists: { field: '0321' },
  'Women journalists': { field: '0321' },
  'Printing methods': { field: '0211' },
  'Offset printing': { field: '0211' },
  'Laser printing': { field: '0211' },
  Binding: { field: '0211' },
  Librarians: { field: '0322' },
  Archivists: { field: '0322' },
  'Archive personnel': { field: '0322' },
  'Library technicians': { field: '0322' },
  'Information scientists': { field: '0322' },
  'Management information systems': { field: '0612' },
  'Digital platforms': { field: '0613', weak: true },
  Telecommunications: { field: '0714' },
  'Telecommunications applications': { field: '0714' },
  'Telephone engineering': { field: '0714' },
  'Radio engineering': { field: '0714' },
  'Television engineering': { field: '0714' },
  'Broadcasting technology': { field: '0714' },
  'Communication technology': { field: '0714' },
  'Space communication': { field: '0714' },
  'Mobile communication': { field: '0714' },
  Robotics: { field: '0714' },
  'Office automation': { field: '0611' },
  'Office services': { field: '0415' },
  'Office management': { field: '0415' },
  Reprography: { field: '0211' },
  'Data processing': { field: '0612' },
  Transistors: { field: '0714' },
  'Electronic circuits': { field: '0714' },
  'Integrated circuits': { field: '0714' },
  'Electronic equipment': { field: '0714' },
  Microprocessors: { field: '0714' },
  Lasers: { field: '0533' },
  Antennas: { field: '0714' },
  'Computer networks': { field: '0612' },
  Internet: { field: '061', weak: true },
  // Law, politics, economics, business
  'Human rights': { field: '0421' },
  'Gender equality': { field: '0314', weak: true },
  'Business economics': { field: '0413' },
  'Industrial economics': { field: '0311' },
  'Construction industry': { field: '0732' },
  'Public works': { field: '0732' },
  'Food industry': { field: '0721' },
  'Dairy industry': { field: '0721' },
  'Textile industry': { field: '0723' },
  'Shipbuilding industry': { field: '0716' },
  'Aerospace industry': { field: '0716' },
  'Metal industry': { field: '0715' },
  'Petroleum industry': { field: '0724' },
  'Electronics industry': { field: '0714' },
  'Electrical industry': { field: '0713' },
  'Power industry': { field: '0713' },
  'Chemical industry': { field: '0711' },
  Mining: { field: '0724' },
  'Coal mining': { field: '0724' },
  'Sea bed mining': { field: '0724' },
  Surveying: { field: '0731' },
  Irrigation: { field: '0811' },
  'Electrical engineering': { field: '0713' },
  'Electronic engineering': { field: '0714' },
  'Mechanical engineering': { field: '0715' },
  'Aerospace engineering': { field: '0716' },
  'Marine engineering': { field: '0716' },
  Metallurgy: { field: '0715' },
  Metalworking: { field: '0715' },
  'Metal treatment': { field: '0715' },
  'Nuclear engineering': { field: '0713' },
  'Solar power engineering': { field: '0713' },
  'Heat storage': { field: '0713' },
  'Waste heat recovery': { field: '0713' },
  'Solar heating': { field: '0713' },
  'Chemical technology': { field: '0711' },
  'Green chemistry': { field: '0711' },
  'Fuel technology': { field: '0711' },
  'Dyes technology': { field: '0711' },
  'Paint technology': { field: '0711' },
  'Materials engineering': { field: '0722' },
  'Materials testing': { field: '0722' },
  'Glass technology': { field: '0722' },
  'Paper technology': { field: '0722' },
  Woodworking: { field: '0722' },
  Carpentry: { field: '0722' },
  'Automatic control': { field: '0714' },
  'Human machine interaction': { field: '0613' },
  Neurotechnology: { field: '0714' },
  Geoengineering: { field: '0712' },
  'Air conditioning': { field: '0713' },
  Lighting: { field: '0713' },
  'Fishing industry': { field: '0831' },
  'Sea fishing': { field: '0831' },
  Aquaculture: { field: '0831' },
  'Marine aquaculture': { field: '0831' },
  'Food processing': { field: '0721' },
  Winemaking: { field: '0721' },
  Silviculture: { field: '0821' },
  'Forest management': { field: '0821' },
  Agroforestry: { field: '0821' },
  Forests: { field: '0821' },
  Deforestation: { field: '0821' },
  Horticulture: { field: '0812' },
  'Agricultural economics': { field: '0311' },
  'Land economics': { field: '0311' },
  'Agricultural engineering': { field: '0811' },
  Food: { field: '0721', weak: true },
  Crops: { field: '0811' },
  Livestock: { field: '0811' },
  Fertilizers: { field: '0811' },
  Pesticides: { field: '0811' },
  Herbicides: { field: '0811' },
  'Forest products': { field: '0821' },
  'Fishery products': { field: '0831' },
  'Dairy products': { field: '0721' },
  'Alcoholic beverages': { field: '0721' },
  'Agricultural machinery': { field: '0811' },
  'Hotel industry': { field: '1013' },
  'Tourist industry': { field: '1015' },
  'Travel abroad': { field: '1015' },
  Travel: { field: '1015' },
  'Transport economics': { field: '0311' },
  Accounting: { field: '0411' },
  'Cost accounting': { field: '0411' },
  'Financial statements': { field: '0411' },
  'Financial audit': { field: '0411' },
  Taxation: { field: '0411' },
  'Income tax': { field: '0411' },
  Marketing: { field: '0414' },
  Branding: { field: '0414' },
  'Market research': { field: '0414' },
  'Public finance': { field: '0311' },
  'Fiscal policy': { field: '0311' },
  'International trade': { field: '0311' },
  'Balance of trade': { field: '0311' },
  'Balance of payments': { field: '0311' },
  'Exchange rates': { field: '0311' },
  'Occupational choice': { field: '0417', weak: true },
  'Career development': { field: '0417', weak: true },
  'Labour economics': { field: '0311' },
  'Trade unions': { field: '0312', weak: true },
};
