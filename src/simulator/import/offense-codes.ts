/**
 * Offense codes and descriptions → the offense vocabulary (`homicide` … `other`).
 *
 * ICE records (ERO-LESA, Deportation Data Project) carry the most serious conviction as an NCIC
 * uniform offense code (`msc_charge_code`, four digits) and its NCIC-style description
 * (`most_serious_conviction_msc_charge`, e.g. "Driving Under Influence Liquor"). Jail exports carry
 * free-text charge descriptions ("ASLT 2 -DV", "UPCS W INTENT").
 *
 * Two tables do the mapping:
 *
 * 1. {@link NCIC_GROUPS}: the NCIC uniform offense code groups (FBI NCIC Code Manual, "Uniform
 *    Offense Codes": the first two digits name the group, e.g. 09xx homicide, 13xx assault,
 *    35xx dangerous drugs, 54xx traffic), with a few code-level refinements inside a group
 *    ({@link NCIC_CODES}: 5403/5404 driving under the influence; the 35xx sell / smuggle /
 *    manufacture / distribute codes as drug trafficking; 3601/3604 child sex offenses).
 * 2. {@link DESCRIPTION_RULES}: ordered patterns over the description, for sources without codes
 *    and for ICE's non-NCIC labels ("Drug Trafficking", "Illegal Re-Entry").
 *
 * A description that matches a rule wins over its code (descriptions are more specific in ICE
 * data). Anything neither table knows stays `null`: unknown is never guessed. Mappings marked
 * `approximate` fold a group into the nearest category of the vocabulary.
 */
import type { OffenseCategory } from './record.ts'

/** One NCIC uniform offense code group: codes `from`–`to` (inclusive, four digits). */
export interface NcicGroup {
  readonly from: string
  readonly to: string
  /** The group's NCIC name. */
  readonly label: string
  readonly category: OffenseCategory
  /** Why the mapping is not one-to-one, when it is not. */
  readonly approximate?: string
}

/**
 * NCIC uniform offense code groups (FBI NCIC 2000 Code Manual, Uniform Offense Classifications),
 * in code order. Groups not listed (e.g. a code ICE added outside these ranges) map to null.
 */
export const NCIC_GROUPS: readonly NcicGroup[] = [
  { from: '0100', to: '0199', label: 'Sovereignty', category: 'other' },
  { from: '0200', to: '0299', label: 'Military', category: 'other' },
  { from: '0300', to: '0399', label: 'Immigration (illegal entry, false citizenship, smuggling aliens)', category: 'immigration' },
  { from: '0900', to: '0999', label: 'Homicide', category: 'homicide', approximate: 'includes negligent (vehicular) homicide' },
  { from: '1000', to: '1099', label: 'Kidnapping', category: 'kidnapping' },
  { from: '1100', to: '1199', label: 'Sexual Assault', category: 'sexual-assault' },
  { from: '1200', to: '1299', label: 'Robbery', category: 'robbery' },
  { from: '1300', to: '1399', label: 'Assault', category: 'assault', approximate: 'includes intimidation, harassment, stalking, reckless endangerment' },
  { from: '2000', to: '2099', label: 'Arson', category: 'arson' },
  { from: '2100', to: '2199', label: 'Extortion', category: 'other' },
  { from: '2200', to: '2299', label: 'Burglary', category: 'burglary', approximate: 'includes criminal trespass codes some states file here' },
  { from: '2300', to: '2399', label: 'Larceny', category: 'larceny' },
  { from: '2400', to: '2499', label: 'Stolen Vehicle', category: 'larceny', approximate: 'vehicle theft counted as larceny' },
  { from: '2500', to: '2599', label: 'Forgery', category: 'fraud', approximate: 'forgery and counterfeiting counted as fraud' },
  { from: '2600', to: '2699', label: 'Fraudulent Activities', category: 'fraud' },
  { from: '2700', to: '2799', label: 'Embezzlement', category: 'fraud', approximate: 'embezzlement counted as fraud' },
  { from: '2800', to: '2899', label: 'Stolen Property', category: 'larceny', approximate: 'receiving/possessing stolen property counted as larceny' },
  { from: '2900', to: '2999', label: 'Damage Property', category: 'other' },
  { from: '3500', to: '3599', label: 'Dangerous Drugs', category: 'drugs', approximate: 'sell/smuggle/manufacture codes are refined to drug-trafficking (NCIC_CODES)' },
  { from: '3600', to: '3699', label: 'Sex Offenses', category: 'other', approximate: 'child fondling and incest with a minor are refined to sexual-assault' },
  { from: '3700', to: '3799', label: 'Obscenity', category: 'other' },
  { from: '3800', to: '3899', label: 'Family Offenses', category: 'other' },
  { from: '3900', to: '3999', label: 'Gambling', category: 'other' },
  { from: '4000', to: '4099', label: 'Commercialized Sex', category: 'other' },
  { from: '4100', to: '4199', label: 'Liquor', category: 'other' },
  { from: '4200', to: '4299', label: 'Drunkenness', category: 'other' },
  { from: '4800', to: '4899', label: 'Obstructing Police', category: 'other' },
  { from: '4900', to: '4999', label: 'Flight - Escape', category: 'other' },
  { from: '5000', to: '5099', label: 'Obstructing Judiciary, Congress, Legislature', category: 'other' },
  { from: '5100', to: '5199', label: 'Bribery', category: 'other' },
  { from: '5200', to: '5299', label: 'Weapon Offenses', category: 'weapons' },
  { from: '5300', to: '5399', label: 'Public Peace', category: 'other' },
  { from: '5400', to: '5499', label: 'Traffic Offenses', category: 'traffic', approximate: '5403/5404 driving under the influence are refined to dui' },
  { from: '5500', to: '5599', label: 'Health - Safety', category: 'other' },
  { from: '5600', to: '5699', label: 'Civil Rights', category: 'other' },
  { from: '5700', to: '5799', label: 'Invasion of Privacy (incl. trespassing)', category: 'other' },
  { from: '5800', to: '5899', label: 'Smuggling', category: 'other' },
  { from: '5900', to: '5999', label: 'Election Laws', category: 'other' },
  { from: '6000', to: '6099', label: 'Antitrust', category: 'other' },
  { from: '6100', to: '6199', label: 'Tax Revenue', category: 'other' },
  { from: '6200', to: '6299', label: 'Conservation', category: 'other' },
  { from: '6300', to: '6399', label: 'Vagrancy', category: 'other' },
  { from: '7000', to: '7099', label: 'Crimes Against Person', category: 'other', approximate: 'catch-all; the specific offense is unknown' },
  { from: '7100', to: '7199', label: 'Property Crimes', category: 'other', approximate: 'catch-all; the specific offense is unknown' },
  { from: '7200', to: '7299', label: 'Morals - Decency Crimes', category: 'other' },
  { from: '7300', to: '7399', label: 'Public Order Crimes', category: 'other' },
]

/**
 * Single codes that refine their group (NCIC Code Manual). 35x0/35x1 are "sell"/"smuggle" of a
 * drug class, 3501–3503, 3563, 3570, 3571, 3580, 3581 manufacture, distribute, sell or produce.
 */
export const NCIC_CODES: Readonly<Record<string, { readonly label: string; readonly category: OffenseCategory }>> = {
  '5403': { label: 'Driving Under Influence Drugs', category: 'dui' },
  '5404': { label: 'Driving Under Influence Liquor', category: 'dui' },
  '3501': { label: 'Hallucinogen - Manufacture', category: 'drug-trafficking' },
  '3502': { label: 'Hallucinogen - Distribute', category: 'drug-trafficking' },
  '3503': { label: 'Hallucinogen - Sell', category: 'drug-trafficking' },
  '3510': { label: 'Heroin - Sell', category: 'drug-trafficking' },
  '3511': { label: 'Heroin - Smuggle', category: 'drug-trafficking' },
  '3520': { label: 'Opium or Derivative - Sell', category: 'drug-trafficking' },
  '3521': { label: 'Opium or Derivative - Smuggle', category: 'drug-trafficking' },
  '3530': { label: 'Cocaine - Sell', category: 'drug-trafficking' },
  '3531': { label: 'Cocaine - Smuggle', category: 'drug-trafficking' },
  '3540': { label: 'Synthetic Narcotic - Sell', category: 'drug-trafficking' },
  '3541': { label: 'Synthetic Narcotic - Smuggle', category: 'drug-trafficking' },
  '3560': { label: 'Marijuana - Sell', category: 'drug-trafficking' },
  '3561': { label: 'Marijuana - Smuggle', category: 'drug-trafficking' },
  '3563': { label: 'Marijuana - Produce', category: 'drug-trafficking' },
  '3570': { label: 'Amphetamine - Manufacture', category: 'drug-trafficking' },
  '3571': { label: 'Amphetamine - Sell', category: 'drug-trafficking' },
  '3580': { label: 'Barbiturate - Manufacture', category: 'drug-trafficking' },
  '3581': { label: 'Barbiturate - Sell', category: 'drug-trafficking' },
  '3601': { label: 'Sex Offense Against Child - Fondling', category: 'sexual-assault' },
  '3604': { label: 'Incest With Minor', category: 'sexual-assault' },
}

/**
 * The category of an NCIC uniform offense code, or null when the code is not a known group.
 *
 * @example
 * ```ts
 * ncicCategory('5404') // 'dui'
 * ncicCategory('1313') // 'assault'
 * ncicCategory('3562') // 'drugs'
 * ncicCategory('8888') // null
 * ```
 */
export function ncicCategory(code: string | undefined | null): OffenseCategory | null {
  const c = (code ?? '').trim()
  if (!/^\d{3,4}$/.test(c)) return null
  const four = c.padStart(4, '0')
  const exact = NCIC_CODES[four]
  if (exact) return exact.category
  for (const group of NCIC_GROUPS) if (four >= group.from && four <= group.to) return group.category
  return null
}

/** One description rule: the first rule whose pattern matches gives the category. */
export interface DescriptionRule {
  readonly pattern: RegExp
  readonly category: OffenseCategory
  readonly note?: string
}

const DRUG = '(?:DRUG|COCAINE|HEROIN|MARIJUANA|MARIHUANA|CANNABIS|AMPHETAMINE|METH\\w*|OPIUM|OPIATE|NARCOTIC|SYNTH\\w*|HALLUCINOGEN|BARBITURATE|FENTANYL|CONTROLLED SUB\\w*|CS|VUCSA|UPCS)'
const TRADE = '(?:SELL|SALE|SALES|SMUGGL\\w*|DISTRIB\\w*|MANUFACT\\w*|MFR|MFG|DELIVER\\w*|DEL|TRAFFICK\\w*|PRODUC\\w*|INTENT|W INTENT|PWID|TRANSPORT\\w*|IMPORT\\w*)'

/**
 * Ordered description rules over upper-cased, punctuation-light text. Order matters: immigration
 * and DUI before the generic words they contain, sexual assault before assault, identity theft
 * (fraud) before theft, drug trafficking before drugs.
 */
export const DESCRIPTION_RULES: readonly DescriptionRule[] = [
  { pattern: /\b(ILLEGAL (RE ?)?ENTRY|REENTRY|RE ENTRY|SMUGGLING ALIENS|ALIEN SMUGGLING|HARBORING ALIENS?|FALSE CITIZENSHIP|8 ?USC ?13[0-9]{2}|IMMIGRATION)\b/, category: 'immigration' },
  { pattern: /\b(DRIVING UNDER (THE )?INFLUENCE|DRIVE UNDER (THE )?INFLUENCE|DUI|DWI|OWI|OVI|DRIVING WHILE INTOXICATED|DRIVING WHILE IMPAIRED|PHYSICAL CONTROL)\b/, category: 'dui' },
  { pattern: /\b(HOMICIDE|MURDER|MANSLAUGHTER|MANSLAU\w*)\b/, category: 'homicide' },
  { pattern: /\b(KIDNAP\w*|ABDUCT\w*|FALSE IMPRISONMENT|UNLAWFUL IMPRISONMENT|UNLAW IMPRISON\w*|FELONIOUS RESTRAINT)\b/, category: 'kidnapping' },
  {
    pattern: /\b(SEX(UAL)? ASS?(AU)?LT|SEX ASLT|RAPE|SODOMY|CARNAL|MOLEST\w*|FONDL\w*|INCEST WITH MINOR|GROSS SEXUAL|SEXUAL ABUSE|SEX ABUSE|INDECENT LIBERTIES|LEWD (ACT|CONDUCT) WITH (A )?(MINOR|CHILD))\b/,
    category: 'sexual-assault',
  },
  { pattern: /\b(ROBBERY|ROBB|CARJACK\w*|PURSE SNATCHING)\b/, category: 'robbery' },
  { pattern: new RegExp(`\\b(DRUG TRAFFICKING|TRAFFICKING (IN )?${DRUG}|${DRUG}\\b.*\\b${TRADE}|${TRADE}\\b.*\\b${DRUG}|UNLAW DEL CS)\\b`), category: 'drug-trafficking' },
  {
    pattern: new RegExp(`\\b(DANGEROUS DRUGS|DRUG POSSESSION|DRUG PARA\\w*|NARCOTIC EQUIP\\w*|${DRUG})\\b`),
    category: 'drugs',
  },
  { pattern: /\b(ARSON|ENDANGERING BY FIRE)\b/, category: 'arson' },
  { pattern: /\b(IDENTITY THEFT|IDENT THE?FT|ID THEFT|FRAUD\w*|FORGE\w*|FORGERY|COUNTERFEIT\w*|EMBEZZL\w*|FALSE STATEMENT|BAD CHECKS?|NSF CHECK|UTTERING)\b/, category: 'fraud', note: 'forgery, counterfeiting and embezzlement counted as fraud (approximate)' },
  { pattern: /\b(BURGL\w*|BREAKING AND ENTERING|B AND E|BREAKING INTO)\b/, category: 'burglary' },
  { pattern: /\b(HARASSING COMMUNICATION|TELEPHONE HARASSMENT)\b/, category: 'other' },
  {
    pattern: /\b(ASSAULT|ASLT|ASSLT|BATTERY|DOMESTIC VIOLENCE|MENACING|RECKLESS ENDANGERMENT|INTIMIDATION|HARASS\w*|STALKING|THREATS?|THRT|TERRORIZING|CRIMINAL COERCION)\b/,
    category: 'assault',
    note: 'domestic violence, harassment, threats and stalking counted as assault (approximate; NCIC 13xx)',
  },
  { pattern: /\b(WEAPONS?|FIREARMS?|GUN|CONCEALED|EXPLOSIVES?|INCENDIARY)\b/, category: 'weapons' },
  {
    pattern: /\b(LARCENY|THEFT|THFT|SHOPLIFT\w*|STOLEN|STOL|VEHICLE THEFT|PICKPOCKET\w*|POCKETPICKING|UNAUTHORIZED USE OF (A )?VEHICLE|TAKING MOTOR VEHICLE|TMVWOP)\b/,
    category: 'larceny',
    note: 'vehicle theft and stolen property counted as larceny (approximate)',
  },
  {
    pattern: /\b(TRAFFIC|HIT AND RUN|HIT RUN|DWLS\w*|DWLR|DWLS R|DRIVING WHILE (LICENSE )?(SUSPENDED|REVOKED)|DRIVE UNDER SUSPEND\w*|RECKLESS DRIVING|NEG DRIVING|NEGLIGENT DRIVING|NO VALID (OPERATORS? )?LICENSE|DRIVING WITHOUT (A )?LICENSE|MOVING TRAFFIC VIOLATION|SPEEDING|IGN(ITION)? INTERLOCK)\b/,
    category: 'traffic',
  },
  {
    pattern:
      /\b(TRESPASS\w*|TRESP|DISORDERLY|OBSTRUCT\w*|OBSTR|RESISTING|CONTEMPT|PROBATION|PAROLE|FAILURE TO APPEAR|FAIL TO APPEAR|FTA|FLIGHT|ESCAPE|PUBLIC ORDER|PUBLIC PEACE|LIQUOR|PROSTITUTION|COMMERCIAL SEX|GAMBLING|DAMAGE PROPERTY|MALICIOUS MISCH\w*|MAL MISC\w*|VANDALISM|INDECENT EXPOSURE|FAMILY OFFENSE|COURT ORDER|NO CONTACT ORDER|PROTECTION ORDER|VIO NC ORD|CRUELTY|NEGLECT|EXTORTION|RACKETEER\w*|RICO|CONSPIRACY|FALSE REPORT|FALSE INFO\w*|VOYEURISM|SEX OFFENSE|SEXUAL EXPLOITATION|ENTICEMENT|OBSCEN\w*|CRIMES AGAINST PERSON|PROPERTY CRIMES|BRIBE\w*|PERJURY|RIOT|LOITER\w*|VAGRANCY|CURFEW|FAILURE TO REGISTER|FAIL TO REGISTER|LICENSING|INVASION OF PRIVACY|CHILD ABUSE|INCEST|DELINQUENCY)\b/,
    category: 'other',
  },
]

/**
 * Classifies an offense description with {@link DESCRIPTION_RULES}; null when no rule matches.
 *
 * @example
 * ```ts
 * classifyOffenseDescription('Driving Under Influence Liquor') // 'dui'
 * classifyOffenseDescription('UPCS W INTENT') // 'drug-trafficking'
 * classifyOffenseDescription('ASLT 2 -DV') // 'assault'
 * classifyOffenseDescription('Identity Theft') // 'fraud'
 * classifyOffenseDescription('zzz') // null
 * ```
 */
export function classifyOffenseDescription(text: string | undefined | null): OffenseCategory | null {
  const t = normalizeDescription(text)
  if (t === '') return null
  for (const rule of DESCRIPTION_RULES) if (rule.pattern.test(t)) return rule.category
  return null
}

/**
 * Classifies an offense from its description and/or NCIC code: the description first, then the
 * code's group. Null when neither is known.
 *
 * @example
 * ```ts
 * classifyOffense('Assault', '1313') // 'assault'
 * classifyOffense('', '5404') // 'dui'
 * classifyOffense('Cocaine - Sell', '') // 'drug-trafficking'
 * classifyOffense('', '') // null
 * ```
 */
export function classifyOffense(description?: string | null, code?: string | null): OffenseCategory | null {
  return classifyOffenseDescription(description) ?? ncicCategory(code)
}

function normalizeDescription(text: string | undefined | null): string {
  return (text ?? '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
