// URI tables for resource types: which HCRT concept (by notation) a concept URI of another vocabulary amounts
// to. OpenEduHub learning resource types (old and new_lrt) and the COAR resource types listed in the mappings
// of TIBHannover/oersi-etl (OEH_LRT-HCRT.tsv, coarResource2hcrt.tsv; MIT licence, hbz NRW / OER 2020) are
// carried over unchanged; further COAR types, the LRMI learningResourceType concept scheme (DCMI, CC BY 4.0)
// and the ScoLOMFR vocabularies 010 and 005 (Réseau Canopé) are mapped by us from their labels. A URI absent
// from these tables is read by its local name like any other value. Pure data; never performs I/O.

export const OEH_LEARNING_RESOURCE_TYPE: Readonly<Record<string, string>> = {
  application: 'application',
  assessment: 'assessment',
  audiovisual_medium: 'video',
  broadcast: 'audio',
  case_study: 'case_study',
  course: 'course',
  demonstration: 'experiment',
  drill_and_practice: 'drill_and_practice',
  educational_game: 'educational_game',
  enquiry_oriented_activity: 'drill_and_practice',
  experiment: 'experiment',
  exploration: 'educational_game',
  glossary: 'index',
  guide: 'index',
  audio: 'audio',
  data: 'data',
  image: 'image',
  map: 'map',
  model: 'other',
  photograph: 'image',
  text: 'text',
  video: 'video',
  other_asset_type: 'other',
  lesson_plan: 'lesson_plan',
  open_activity: 'other',
  presentation: 'slide',
  project: 'course',
  reference: 'index',
  role_play: 'educational_game',
  simulation: 'simulation',
  teaching_module: 'lesson_plan',
  tool: 'other',
  weblog: 'web_page',
  web_page: 'web_page',
  wiki: 'web_page',
  other_web_resource: 'web_page',
  other: 'other',
  worksheet: 'worksheet',
};

export const OEH_NEW_LRT: Readonly<Record<string, string>> = {
  '01551356-a6a3-44fc-9662-7d366d7af0ac': 'text',
  '44868358-7b1f-42e4-a6b9-c3889d9d2623': 'text',
  'f61c6708-0427-4f0d-9c33-cec4253d2cad': 'text',
  '04693b11-8b39-42aa-964f-578be063a851': 'other',
  '07659554-35b3-4b6b-82cd-d6b2db3fbc56': 'other',
  '0877626e-0cce-481a-b0ed-c64988ed5989': 'audio',
  '098e3d34-dd41-4c55-943d-640917577b16': 'other',
  '0b9bbaf6-936a-473f-a75a-751f82cc360d': 'application',
  '0d23ff13-9d92-4944-92fa-2b5fe1dde80b': 'lesson_plan',
  '0f519bd5-069c-4d32-b6d3-a373ac96724c': 'other',
  '1008b9eb-4aa8-4b2f-bf35-55c0012eb2df': 'application',
  '10bd1bb6-bcdd-4645-b627-be3391ee1880': 'application',
  '11408883-904a-467e-8697-6a899f89f793': 'application',
  '11cd7e41-1d65-4de9-9ab8-de9530cac19e': 'other',
  '123f4829-f0b8-4c86-8846-497868567c5c': 'application',
  '15d1f836-27f9-4a6b-bbde-80830d325971': 'application',
  '16c8a6df-e2f7-4aeb-9902-4f689b509a68': 'application',
  '1b7ae292-22ac-4304-bdac-9ea166c22e4a': 'application',
  '1cac68e6-dafe-4ce4-a52f-f33cde26da59': 'drill_and_practice',
  '1dc4ed81-718c-4b76-86cb-947a86875973': 'experiment',
  '1dd5f4f8-904f-4887-aac6-75b6a22d9887': 'application',
  '20cc966f-7957-4c03-a614-ab7a151c82c5': 'application',
  '2239a895-0a0a-4e13-b7f2-8a0c4115858a': 'application',
  '22823ca9-7175-4b24-892e-19ebbf5fe0e7': 'course',
  '2311a549-743c-4061-983b-629d4c4ac30b': 'application',
  '233d0527-7945-4acb-a174-5c23d24513a3': 'video',
  '267e6b73-595c-47ad-9e2e-8573239a2d68': 'application',
  '29f0d682-38c6-4a64-a1fa-04e673c28128': 'assessment',
  '2d2b2302-db11-43f4-9ebf-35ba60e2f30c': 'application',
  '2e4157ad-e29a-4f10-b4e6-370e0fd59d26': 'simulation',
  '2e67ce4e-49ce-468b-bd94-96a74e4832aa': 'simulation',
  '32e8367c-9e96-44ac-8a17-ca36056d92ff': 'application',
  '337eb29c-1ea8-41dc-9caf-e469eea29177': 'other',
  '345cba59-9fa0-4ec8-ba93-2c75f4a40003': 'data',
  '3616febb-8cf8-4503-8f80-ebc552d85506': 'video',
  '36e68792-6159-481d-a97b-2c00901f4f78': 'worksheet',
  '37ff95b3-5093-455e-9696-045a76cac057': 'other',
  '38bceae0-28c3-425f-9c56-fba079f98f92': 'application',
  '39db0dbd-cb6f-4153-910f-9f11177b48f2': 'image',
  '3b8045af-8fc6-45b5-a352-db46893f7918': 'image',
  '3e0501ce-980f-4898-8ba4-cde0e47d15b2': 'other',
  '44439cda-f3a8-4603-937b-71be3a64cfa4': 'other',
  '4735c61a-429b-4909-9f3c-cbf975e2aa0e': 'experiment',
  '9f02705-6e39-4071-aaaf-1f9bad1d01f0': 'other',
  '4e16015a-7862-49ed-9b5e-6c1c6e0ffcd1': 'course',
  '4e847242-cea0-4821-a13c-c621e475b372': 'application',
  '4fe167ea-1f40-44b7-8c17-355f256b4fc9': 'course',
  '5098cf0b-1c12-4a1b-a6d3-b3f29621e11d': 'lesson_plan',
  '5176beb5-147b-446a-8baf-a2ae693431ec': 'other',
  '518ae9d5-2420-4567-b32d-f75c27e2cf70': 'simulation',
  '51c863b8-323d-4c16-bc86-ff1bbed584bb': 'application',
  '5204fc81-5dac-4cc4-a28b-aad5c241fa19': 'web_page',
  '5585a490-36a7-4053-8beb-aeff219d6003': 'application',
  '55e55bef-c93f-462f-9163-7731e130a94d': 'educational_game',
  '58bb5be8-301d-488d-a0b1-b74ac9435209': 'application',
  '59c470f9-cea2-4a26-bc10-f46f3764af24': 'other',
  '5ab897b3-76f4-46f3-8f08-1256629fdc4c': 'application',
  '5bba65b9-fe31-41b9-bb71-a7a2090c7b98': 'other',
  '5bc29626-4b74-47d3-9428-f3baff9fc9ee': 'other',
  '5d3959ea-ede0-4d8e-828c-e8bbf5e95166': 'application',
  '5dc0b5de-4c75-43aa-8366-fb6d7e3a7553': 'audio',
  '61462395-8303-44bf-95a4-6a4297013283': 'application',
  '62a09b63-320e-4f4d-9da6-8cab9cdef55b': 'video',
  '65330f23-2802-4789-86ee-c21f9afe74b1': 'other',
  '667f5063-70b9-400c-b1f7-7702ec9487f1': 'image',
  '6a15628c-0e59-43e3-9fc5-9a7f7fa261c4': 'text',
  '6a318b06-0b6e-4a7b-9105-2935fa46b40f': 'application',
  '6a360309-969b-46ce-a7a2-566051587ce8': 'other',
  '6abe9218-0f55-46ba-b4c8-af22a63e1bb7': 'text',
  '6b9748e4-fb3b-4082-ae08-c7a11c717256': 'web_page',
  '6c82f612-2661-43fb-90a4-5e3ceb6f7f85': 'application',
  '6e821748-ad12-4ac1-bb14-9b54493e2c50': 'audio',
  '6eb493be-e072-4afc-a5b4-aea34beeca70': 'other',
  '6eeef573-cdc4-45a3-b4eb-ca18c02f365a': 'application',
  '74a636eb-0d4a-4ce2-b022-304479acc76f': 'application',
  '74a7c3cb-82db-4e63-8c0d-1726e2fe53b4': 'other',
  '776652a6-de35-4d2f-817e-6130dd2fa248': 'index',
  '78cc5a71-5ae2-4fa3-be5f-5cef40c23328': 'audio',
  '7c236821-bfae-4eeb-bc79-590bf8ea1d96': 'other',
  '7d591b84-9171-47cb-809a-74ef07f07261': 'application',
  '81578410-73df-4320-83fd-2e6e0c0fd189': 'other',
  '81898764-d52b-4d25-9ee9-04d9c3553b23': 'other',
  '82f54655-016d-42bc-b4c9-efda354ec82e': 'application',
  '834969d7-c70d-4685-94a4-17cebf0dec7d': 'other',
  '84b79e36-875d-425c-8b8c-308689707db6': 'application',
  '8586bf22-12b5-4cf8-97e1-abc509a8eb0d': 'application',
  '85b94e6e-3246-4371-a0dc-36f309901625': 'course',
  '88823c13-aba8-45d4-80a1-cc34897e6abc': 'application',
  '88da6c0d-e0f9-4f37-a382-5ed7e609de8d': 'case_study',
  '89f00268-4219-48f4-be37-9c2c2f197280': 'application',
  '8aa00490-b9b9-453f-8fa7-55557507ab5f': 'application',
  '91d21425-d229-489b-9c13-baa4e76f8cc9': 'application',
  '92c7a50c-6243-45d9-8b11-e79cbbda6305': 'slide',
  '92dcc3ec-fe94-451c-95ac-ea305e0e7597': 'other',
  '933ceef8-c7ae-4af3-9229-4bd86334dfea': 'other',
  '94222751-6c90-4623-9c7e-09e21d885599': 'lesson_plan',
  '95f90f7d-0b59-4a1a-be67-7eb3e10b578a': 'text',
  '962560fe-d8d0-43e2-ad60-97f070b935c6': 'lesson_plan',
  '6ed79b37-c27c-4f53-9921-fb1a96da7160': 'lesson_plan',
  '975e6e9c-807d-4cc5-93eb-d4d7cb9eedef': 'application',
  '9a86beb5-1a65-48ca-99c8-e8c789cfe2f8': 'educational_game',
  '9c23511c-73d0-407b-b443-c93e36364de2': 'audio',
  '9c47bca7-fa9d-4c3e-b64c-a32e4b654e2b': 'application',
  '9cf3c183-f37c-4b6b-8beb-65f530595dff': 'assessment',
  '9d33119a-ada2-4022-b78b-17537b0fcbbf': 'application',
  '9e72b43f-5d88-437d-96b3-ec40b63dc4ad': 'application',
  '9f40cd56-8def-46cc-a21b-63d9557dc93d': 'other',
  '9f47559b-fb38-423e-9184-ea517446d027': 'other',
  'a0218a48-a008-4975-a62a-27b1a83d454f': 'video',
  'a05f4ecd-0bc9-4338-b9a7-a2f59887b2a7': 'application',
  'a33ef73d-9210-4305-97f9-7357bbf43486': 'drill_and_practice',
  'a5897142-bf57-4cd0-bcd9-7d0f1932e87a': 'text',
  'a7b216cb-6582-4396-b046-072cda3b7da5': 'application',
  'a7cc50ac-75d7-4e30-a0c6-c93e660c28a8': 'application',
  'aa7b0bde-b41e-4e75-944b-bfd6ccbe359c': 'other',
  'ab19d1cf-8a2c-49e8-8536-b8f0355b0927': 'application',
  'ab5b99ea-551c-42f3-995b-e4b5f469ad7e': 'index',
  'abfd1f4c-c649-4086-a985-5d5567d0980f': 'educational_game',
  'ac0ad1e8-d1a2-42f2-961e-5aa9b8157fa5': 'other',
  'ac82dc13-3be1-464d-9cdc-88e608d99c39': 'educational_game',
  'ad9b9299-0913-40fb-8ad3-50c5fd367b6a': 'course',
  'affb1113-d4a0-417a-b809-575048fb358e': 'other',
  'b0495f44-b05d-4bde-9dc5-34d7b5234d76': 'educational_game',
  '7005a7b7-7b67-4797-960e-894ded60283a': 'educational_game',
  'b1075505-364d-4e69-90a3-8ad463cfb587': 'other',
  'b6ceade0-58d3-4179-af71-d53ebc6e49d4': 'map',
  'b84255b1-f760-4420-a8f5-b0b608a53cd9': 'other',
  'b98c0c8c-5696-4537-82fa-dded7236081e': 'text',
  'bd471374-c6f3-4c1b-905b-1b369a6fe63b': 'course',
  'c022c920-c236-4234-bae1-e264a3e2bdf6': 'index',
  'c04f9445-180d-4402-ab27-61918a888a47': 'application',
  'c382a478-74e0-42f1-96dd-fcfb5c27f746': 'image',
  'c4768d67-9d76-4606-bfd5-3c7b81c4acb7': 'application',
  'c570a463-f249-4a50-b853-e532179ede7f': 'application',
  'c5afed02-a926-456a-949d-9716bbbbbf28': 'application',
  'c903a62a-17b0-4646-b2b8-a1a02a84e8cc': 'course',
  'ce6c29f7-7bfd-4b84-a676-ac51e8601969': 'other',
  'd2399757-27ce-4978-830f-45bde426afdc': 'application',
  'd2a406f2-4bf4-495d-a456-21d032edbb60': 'application',
  'd31a5b68-611f-4015-8be9-56bd5eb44c64': 'other',
  'd8c3ef03-b3ab-4a5e-bcc9-5a546fefa2e9': 'web_page',
  'dd9e02fa-0501-4779-aeb2-6f50c4d0d502': 'other',
  '67b7cd56-d98b-4731-baec-465fb03703e7': 'other',
  'df4bbf3a-c5e2-40e4-8361-747d97850a3f': 'application',
  'e0496c2f-0ce0-4c1d-8381-796ea4d7a98a': 'other',
  'e0ddbb5f-9400-4d7a-89c9-dc1a18a4d576': 'application',
  'e0f073ae-9c5d-453c-89eb-dbad42f3ec7a': 'other',
  'e1283c68-4a06-47ae-9965-0e664fd36abf': 'other',
  'e1b7864c-5205-4fa2-aff9-d039ebfd9f8d': 'application',
  'e2d8fddf-fbb4-4aa3-8103-b35ca16f8d33': 'application',
  'e34026bf-eddf-4b7f-b240-cd8bc04b3fcc': 'application',
  'e3ca3de5-faf2-4584-bc25-d5f9e784b2b4': 'audio',
  'e3ddae8a-d94c-40d8-b7f7-9bdaf0cb8325': 'image',
  'e5ed8ec2-2c7e-4f46-aba9-e67148ef6656': 'application',
  'e6ae7ead-4379-4b6d-b1c4-e30b57e69f3d': 'other',
  'e821e29e-217d-42fb-ba49-e669454c279a': 'application',
  'e9dc6f6b-5e9d-44da-8701-74212b75eb31': 'other',
  'ed4f4834-c098-4b05-b27d-a9d9fbd31307': 'audio',
  'ee1790c4-7d42-452c-800d-e03ea3a26ce1': 'application',
  'ee738203-44af-4150-986f-ef01fb883f00': 'other',
  'ef58097d-c1de-4e6a-b4da-6f10e3716d3d': 'lesson_plan',
  'efe83201-de1c-4a54-b8f9-60373eeae630': 'application',
  'f4e21a45-46c7-48a7-a23e-243660ea2e8c': 'other',
  'f55cb96b-b51f-4493-957b-fd1707bfedbd': 'application',
  'f7228fb5-105d-4313-afea-66dd59b1b6f8': 'image',
  'f7e92628-4132-4985-bcf5-93c285e300a8': 'text',
  'f9630e1c-2247-42ed-87b0-b1e18e4ec02b': 'image',
  'fa0c53f3-699c-482a-89c4-c69e986d8495': 'application',
  'facc2239-a827-462a-b2d2-bbab6cfb1178': 'video',
  'fe298cb9-fe5e-400e-8319-9b5b2e77352e': 'experiment',
  'ffff857b-e450-49b2-882b-5820bada2a42': 'other',
  '68a43516-889e-4ce9-8e03-248307bd99ff': 'other',
  '0a79a1d0-583b-47ce-86a7-517ab352d796': 'other',
  '4277f19c-35ce-45c6-bb95-0463a6f4526b': 'application',
  '55153d6d-50a2-442e-a2d0-280ce413b9f5': 'application',
  'dc5763ab-6f47-4aa3-9ff3-1303efbeef6e': 'other',
  '1d8386f6-7cd7-4651-b293-96a330c3ecfb': 'application',
  '4665caac-99d7-4da3-b9fb-498d8ece034f': 'other',
  '8a201942-c69b-47ef-a211-922c4160c12d': 'application',
  'cd625d33-5d7b-4a86-a54a-9a897ded729f': 'other',
  '7381f17f-50a6-4ce1-b3a0-9d85a482eec0': 'lesson_plan',
  '7a6e9608-2554-4981-95dc-47ab9ba924de': 'video',
  'ef1fd35b-1c05-45a2-9f41-bf98b6541dd0': 'application',
  '03ab835b-c39c-48d1-b5af-7611de2f6464': 'other',
  '213ed49d-f4b2-49b6-8a32-7e9261901ec5': 'other',
  '955590ae-5f06-4513-98e9-91dfa8d5a05e': 'other',
  'f6f27241-86e0-44e8-a17b-5b563e61a4c8': 'application',
  '405081ee-9005-4d02-a7d2-351a034e565a': 'application',
  '512d27e9-0bde-4af2-ba45-d36adffebd71': 'application',
  '67f579a9-382c-497f-8b5b-06d95638aa0d': 'other',
  'cefccf75-cba3-427d-9a0f-35b4fedcbba1': 'application',
  'ec2682af-08a9-4ab1-a324-9dca5151e99f': 'audio',
  'fd0b97e1-25ba-4477-b769-b41e9623cf65': 'application',
  '26383370-f3f5-44f2-b66c-435ac0b44bdf': 'application',
  '477115fd-5042-4174-ac39-7c05f8a24766': 'lesson_plan',
  'a120ce77-59f5-4564-8d49-73f4a0de1594': 'application',
  'a6d1ac52-c557-4151-bc6f-0d99b0b96fb9': 'image',
  '1846d876-d8fd-476a-b540-b8ffd713fedb': 'worksheet',
  '3869b453-d3c1-4b34-8f25-9127e9d68766': 'other',
  '0cef3ce9-e106-47ae-836a-48f9ed04384e': 'text',
  '588efe4f-976f-48eb-84aa-8bcb45679f85': 'other',
};

/** COAR resource types (http://purl.org/coar/resource_type/c_xxxx); null: no HCRT equivalent. */
export const COAR: Readonly<Record<string, string | null>> = {
  // from coarResource2hcrt.tsv
  c_18cf: 'text',
  c_1843: 'other',
  c_12ce: 'video',
  c_e9a0: 'other',
  c_c513: 'image',
  c_18cc: 'audio',
  // ours, from the COAR labels
  c_6501: 'text', // journal article
  c_2f33: 'text', // book
  c_3248: 'text', // book part
  c_5794: 'text', // conference paper
  c_c94f: 'text', // conference object
  c_46ec: 'text', // thesis
  c_db06: 'text', // doctoral thesis
  c_bdcc: 'text', // master thesis
  c_7a1f: 'text', // bachelor thesis
  c_93fc: 'text', // report
  c_816b: 'text', // preprint
  c_ddb1: 'data', // dataset
  c_5ce6: 'application', // software
  c_8544: 'script', // lecture
  c_12cd: 'map', // map
  c_ecc8: 'image', // still image
  c_8a7e: 'video', // moving image
  c_18cw: 'sheet_music', // musical notation
};

/** LRMI learningResourceType concepts (http://purl.org/dcx/lrmi-vocabs/learningResourceType/...), by lower-cased local name. */
export const LRMI_LRT: Readonly<Record<string, string | null>> = {
  activityplan: 'lesson_plan',
  assessment: 'assessment',
  assessmentitem: 'assessment',
  educatorcurriculumguide: 'lesson_plan',
  lessonplan: 'lesson_plan',
  physicallearningresource: 'other',
  // a recording of a lesson may be audio, video or a transcript: the type alone does not say which
  recordedlesson: null,
  supportingdocument: 'worksheet',
  textbook: 'textbook',
  unitplan: 'lesson_plan',
};

/**
 * ScoLOMFR concepts (http://data.education.fr/voc/scolomfr/concept/...): vocabulary 010 (types pédagogiques)
 * and 005 (types de contenu éditorial). null: the concept names no resource type HCRT has.
 */
export const SCOLOMFR: Readonly<Record<string, string | null>> = {
  // 010 types pédagogiques
  'scolomfr-voc-010-num-001': null, // animation (support d'une activité de groupe)
  'scolomfr-voc-010-num-004': 'experiment', // démonstration
  'scolomfr-voc-010-num-006': 'case_study', // étude de cas
  'scolomfr-voc-010-num-007': 'assessment', // évaluation
  'scolomfr-voc-010-num-0082': 'assessment', // préparation à l'examen
  'scolomfr-voc-010-num-011': 'index', // glossaire
  'scolomfr-voc-010-num-012': 'index', // guide
  'scolomfr-voc-010-num-013': 'educational_game', // jeu éducatif
  'scolomfr-voc-010-num-014': 'textbook', // manuel d'enseignement
  'scolomfr-voc-010-num-015': 'index', // matériel de référence
  'scolomfr-voc-010-num-016': null, // méthodologie
  'scolomfr-voc-010-num-017': 'application', // outil
  'scolomfr-voc-010-num-018': null, // production d'élève
  'scolomfr-voc-010-num-020': 'lesson_plan', // scénario pédagogique
  'scolomfr-voc-010-num-022': 'course', // tutoriel
  'scolomfr-voc-010-num-023': 'assessment', // annales
  'scolomfr-voc-010-num-024': 'questionnaire', // cyberquête
  'scolomfr-voc-010-num-025': 'textbook', // méthode de langues
  'scolomfr-voc-010-num-026': null, // témoignage pédagogique
  'scolomfr-voc-010-num-027': null, // activité pédagogique
  'scolomfr-voc-010-num-028': 'lesson_plan', // fiche pédagogique
  'scolomfr-voc-010-num-029': 'assessment', // diagnostic
  questionnaire: 'questionnaire',
  self_assessment: 'assessment',
  simulation: 'simulation',
  table: 'other',
  exam: 'assessment',
  exercise: 'drill_and_practice',
  experiment: 'experiment',
  lecture: 'script',
  problem_statement: 'drill_and_practice',
  // 005 types de contenu éditorial
  'scolomfr-voc-005-num-001': 'index', // annuaire
  'scolomfr-voc-005-num-002': null, // archives
  'scolomfr-voc-005-num-003': 'text', // article
  'scolomfr-voc-005-num-004': 'map', // atlas
  'scolomfr-voc-005-num-005': 'image', // bande dessinée
  'scolomfr-voc-005-num-006': 'video', // banque de vidéos
  'scolomfr-voc-005-num-007': 'image', // banque d'images
  'scolomfr-voc-005-num-008': 'data', // base de données
  'scolomfr-voc-005-num-009': 'index', // bibliographie / sitographie
  'scolomfr-voc-005-num-010': 'text', // biographie
  'scolomfr-voc-005-num-011': 'map', // carte
  'scolomfr-voc-005-num-012': 'diagram', // carte heuristique et conceptuelle
  'scolomfr-voc-005-num-013': null, // chronologie
  'scolomfr-voc-005-num-014': null, // collection de documents
  'scolomfr-voc-005-num-015': 'text', // compte rendu
  'scolomfr-voc-005-num-016': null, // conférence (texte ou enregistrement)
  'scolomfr-voc-005-num-017': 'slide', // diaporama
  'scolomfr-voc-005-num-018': null, // dossier documentaire
  'scolomfr-voc-005-num-019': null, // dossier technique
  'scolomfr-voc-005-num-020': null, // exposition
  'scolomfr-voc-005-num-021': 'data', // feuille de calcul
  'scolomfr-voc-005-num-022': 'video', // film
  'scolomfr-voc-005-num-023': 'image', // image numérique
  'scolomfr-voc-005-num-024': 'text', // livre numérique
  'scolomfr-voc-005-num-025': 'other', // maquette / prototype
  'scolomfr-voc-005-num-026': null, // norme
  'scolomfr-voc-005-num-027': 'other', // objet physique
  'scolomfr-voc-005-num-028': 'other', // objet 3D
  'scolomfr-voc-005-num-029': 'text', // ouvrage
  'scolomfr-voc-005-num-030': 'sheet_music', // partition musicale
  'scolomfr-voc-005-num-031': 'text', // périodique
  'scolomfr-voc-005-num-032': 'image', // photographie
  'scolomfr-voc-005-num-033': 'audio', // podcast
  'scolomfr-voc-005-num-034': 'slide', // présentation multimédia
  'scolomfr-voc-005-num-035': null, // programme scolaire
  'scolomfr-voc-005-num-036': 'text', // rapport
  'scolomfr-voc-005-num-037': null, // référentiel de compétences
  'scolomfr-voc-005-num-038': 'diagram', // schéma / graphique
  'scolomfr-voc-005-num-039': 'web_page', // site Web
  'scolomfr-voc-005-num-040': 'image', // tableau (art)
  'scolomfr-voc-005-num-041': null, // web média
  'scolomfr-voc-005-num-042': 'audio', // chanson
  'scolomfr-voc-005-num-043': 'text', // conte
  'scolomfr-voc-005-num-044': 'image', // image interactive
  'scolomfr-voc-005-num-045': null, // image, animation 3D
  'scolomfr-voc-005-num-046': 'text', // nouvelle
  'scolomfr-voc-005-num-047': 'image', // œuvre picturale
  'scolomfr-voc-005-num-048': 'text', // anthologie
  'scolomfr-voc-005-num-049': 'text', // poème
  'scolomfr-voc-005-num-050': 'index', // catalogue
  'scolomfr-voc-005-num-051': 'audio', // banque de sons
  'scolomfr-voc-005-num-055': 'data', // traitement de données
  'scolomfr-voc-005-num-056': 'video', // vidéo interactive
  'scolomfr-voc-005-num-058': 'text', // pièce de théâtre
  'scolomfr-voc-005-num-059': null, // publicité
  'scolomfr-voc-005-num-060': 'text', // recueil de contes
  'scolomfr-voc-005-num-061': 'text', // recueil de nouvelles
  'scolomfr-voc-005-num-062': 'text', // roman
  'scolomfr-voc-005-num-063': null, // saynète
  'scolomfr-voc-005-num-136': 'application', // application
};

/** info:eu-repo/semantics values that are no resource type: versions and access rights. */
export const EU_REPO_NOT_TYPES: ReadonlySet<string> = new Set([
  'draft',
  'submittedversion',
  'acceptedversion',
  'publishedversion',
  'updatedversion',
  'openaccess',
  'closedaccess',
  'embargoedaccess',
  'restrictedaccess',
]);
