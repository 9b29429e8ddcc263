/**
 * Identifiers: IMO numbers (ship and company check digits), MMSI, call signs, and country
 * names → ISO 3166-1 alpha-2 codes for flags and nationalities.
 */

/** True when a 7-digit string passes the IMO *ship* check digit (Σ d_i·(7−i), i=0..5, mod 10). */
export function isValidShipImo(imo: string): boolean {
  if (!/^\d{7}$/.test(imo) || imo === '0000000') return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(imo[i]) * (7 - i);
  return sum % 10 === Number(imo[6]);
}

/** True when a 7-digit string passes the IMO *company/owner* check digit (weights 8,6,4,2,9,7; (11 − Σ mod 11) mod 10). */
export function isValidCompanyImo(imo: string): boolean {
  if (!/^\d{7}$/.test(imo) || imo === '0000000') return false;
  const w = [8, 6, 4, 2, 9, 7];
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(imo[i]) * w[i];
  return (11 - (sum % 11)) % 10 === Number(imo[6]);
}

/**
 * Pull IMO numbers out of free text: runs of 7 digits, preferring ones prefixed `IMO`,
 * zero-padded from 5–6 digit values that follow `IMO`. Returns the values as written (7 digits).
 */
export function extractImos(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bIMO\)?(?:\s*(?:number|no\.?|n[°o]))?\s*[:#]?\s*(\d{5,7})\b/gi)) {
    const v = m[1].padStart(7, '0');
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Normalise a value that should be an IMO number: digits only, `IMO` prefix removed, 7 digits or undefined. */
export function normaliseImo(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const digits = String(value).replace(/^\s*IMO\s*/i, '').replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 7) return undefined;
  const v = digits.padStart(7, '0');
  return v === '0000000' ? undefined : v;
}

/** Normalise an MMSI (9 digits) or undefined. */
export function normaliseMmsi(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = String(value).replace(/\D/g, '');
  return /^\d{9}$/.test(d) && d !== '000000000' ? d : undefined;
}

/** Normalise a call sign: upper case, letters and digits only. */
export function normaliseCallSign(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const c = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return c.length >= 3 && c.length <= 10 ? c : undefined;
}

// ISO2 code and the names lists use for it (lower case, '|' separated). Flags of convenience
// and sanctioned states first; unknown names stay unknown (no evidence either way).
const COUNTRY_TABLE =
  'kp:north korea|korea, north|korea north|dprk|democratic people\'s republic of korea|korea, democratic people\'s republic of|korea (democratic people\'s republic of)|korean|north korean;' +
  'kp:北朝鮮|朝鮮民主主義人民共和国;kr:韓国|大韓民国;ru:ロシア|ロシア連邦;ir:イラン;cn:中国|中華人民共和国;sy:シリア;' +
  'kr:south korea|korea, south|republic of korea|korea, republic of|korea;' +
  'ir:iran|iran (islamic republic of)|islamic republic of iran|iranian;ru:russia|russian federation|russian;' +
  'sy:syria|syrian arab republic|syrian;cu:cuba|cuban;ve:venezuela;by:belarus;cn:china|people\'s republic of china|chinese;' +
  'hk:hong kong;mo:macau|macao;tw:taiwan;jp:japan|japanese;us:united states|usa|united states of america|american;' +
  'gb:united kingdom|uk|great britain|british;pa:panama;lr:liberia;mh:marshall islands;mt:malta;bs:bahamas;' +
  'cy:cyprus;gr:greece|greek;sg:singapore;km:comoros;cm:cameroon;tz:tanzania|united republic of tanzania;' +
  'tg:togo;sl:sierra leone;kh:cambodia;mn:mongolia;bz:belize;vc:saint vincent and the grenadines|st vincent and the grenadines;' +
  'kn:saint kitts and nevis|st kitts and nevis;ag:antigua and barbuda;pw:palau;tv:tuvalu;vu:vanuatu;ga:gabon;' +
  'gq:equatorial guinea;st:sao tome and principe;dj:djibouti;bo:bolivia;gy:guyana;ck:cook islands;' +
  'mv:maldives;md:moldova;ge:georgia;ua:ukraine|ukrainian;tr:turkey|turkiye|türkiye;ae:united arab emirates|uae;' +
  'sa:saudi arabia;iq:iraq|iraqi;af:afghanistan|afghan;pk:pakistan|pakistani;in:india|indian;lb:lebanon|lebanese;' +
  'ye:yemen;ly:libya|libyan;so:somalia|somali;sd:sudan|sudanese;ss:south sudan;cd:democratic republic of the congo|congo, democratic republic of the|drc;' +
  'cg:congo|republic of the congo;cf:central african republic;ml:mali;ni:nicaragua;mm:myanmar|burma;vn:viet nam|vietnam;' +
  'th:thailand;my:malaysia;id:indonesia;ph:philippines;de:germany|german;fr:france|french;it:italy;es:spain;' +
  'nl:netherlands;be:belgium;ch:switzerland;at:austria;pl:poland;se:sweden;no:norway;dk:denmark;fi:finland;' +
  'ee:estonia;lv:latvia;lt:lithuania;ie:ireland;pt:portugal;ca:canada;mx:mexico;br:brazil;ar:argentina;' +
  'co:colombia;cl:chile;pe:peru;eg:egypt|egyptian;jo:jordan;kw:kuwait;qa:qatar;om:oman;bh:bahrain;il:israel;' +
  'ps:palestine|state of palestine;dz:algeria;ma:morocco;tn:tunisia;ng:nigeria;ke:kenya;et:ethiopia;er:eritrea;' +
  'za:south africa;kz:kazakhstan;uz:uzbekistan;kg:kyrgyzstan;tj:tajikistan;tm:turkmenistan;az:azerbaijan;am:armenia;' +
  'rs:serbia;ba:bosnia and herzegovina;hr:croatia;si:slovenia;sk:slovakia;cz:czech republic|czechia;hu:hungary;' +
  'ro:romania;bg:bulgaria;al:albania;mk:north macedonia;me:montenegro;xk:kosovo;au:australia;nz:new zealand;' +
  'bd:bangladesh;lk:sri lanka;np:nepal;la:laos|lao people\'s democratic republic;rw:rwanda;ug:uganda;' +
  'zw:zimbabwe;bi:burundi;gn:guinea;gw:guinea-bissau;ht:haiti;tt:trinidad and tobago;jm:jamaica;do:dominican republic;' +
  'hn:honduras;gt:guatemala;sv:el salvador;cr:costa rica;ec:ecuador;py:paraguay;uy:uruguay;is:iceland;lu:luxembourg;' +
  'mc:monaco;li:liechtenstein;sc:seychelles;mu:mauritius;mg:madagascar;mz:mozambique;ao:angola;na:namibia;bw:botswana;' +
  'zm:zambia;mw:malawi;gh:ghana;ci:cote d\'ivoire|ivory coast;sn:senegal;ne:niger;td:chad;bf:burkina faso;mr:mauritania;' +
  'gm:gambia;lk:sri lanka;bn:brunei;tl:timor-leste;pg:papua new guinea;fj:fiji;ws:samoa;to:tonga;ki:kiribati;' +
  'nr:nauru;fm:micronesia;sb:solomon islands;bb:barbados;gd:grenada;lc:saint lucia;dm:dominica;sr:suriname;' +
  'ky:cayman islands;vg:british virgin islands|virgin islands, british;bm:bermuda;gi:gibraltar;im:isle of man;fo:faroe islands';

const COUNTRY_BY_NAME = new Map<string, string>();
for (const entry of COUNTRY_TABLE.split(';')) {
  const [code, names] = entry.split(':') as [string, string];
  COUNTRY_BY_NAME.set(code, code);
  for (const n of names.split('|')) COUNTRY_BY_NAME.set(n, code);
}

/** ISO 3166-1 alpha-2 code for a country name or code, or undefined when unknown. */
export function countryCode(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const cached = COUNTRY_CACHE.get(value);
  if (cached !== undefined || COUNTRY_CACHE.has(value)) return cached;
  const code = lookupCountry(value);
  if (COUNTRY_CACHE.size < 50000) COUNTRY_CACHE.set(value, code);
  return code;
}

const COUNTRY_CACHE = new Map<string, string | undefined>();

function lookupCountry(value: string): string | undefined {
  const v = value.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim();
  if (v === '') return undefined;
  const direct = COUNTRY_BY_NAME.get(v) ?? COUNTRY_BY_NAME.get(v.replace(/^the /, ''));
  if (direct) return direct;
  // "Korea, North (DPRK)", "Panama (former)": drop parentheses and try again.
  const stripped = v.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  return stripped !== v ? COUNTRY_BY_NAME.get(stripped) : undefined;
}
