/**
 * ICE's 287(g) agreements as registry data: parse the participating and pending agency sheets
 * (current and archived) and `agreements.csv` (ORIs and ZIP codes), match each agreement to the
 * county, place or state whose agency signed it, and write one generated registry file per
 * jurisdiction with one enactment per agreement. Pure: `src/adapters/agreements-287g` reads the
 * files and writes the result.
 *
 * @example
 * ```ts
 * import { generate287g, matchIndex, parseSheet } from './core/agreements-287g/index.ts'
 * const rows = parseSheet(csvText, sheetInfoFromName('participatingAgencies07182025pm.csv', null)!)
 * const result = generate287g({ participating: rows, pending: [], directory: [], directoryUrl: null, index: matchIndex(gazetteer), geoidQuote: () => undefined })
 * ```
 */
export { parseCsv, csvObjects, type CsvRecord } from './csv.ts'
export {
  MODEL_INFO,
  MODELS_287G,
  parseDirectory,
  parseModel,
  parseSheet,
  parseSignedDate,
  sheetInfoFromName,
  unwrapLink,
  type DirectoryRow,
  type Model287g,
  type SheetInfo,
  type SheetRow,
} from './sheets.ts'
export { agencyKey, countyKey, matchIndex, matchRow, nameKey, placeNameOfAgency, type MatchedJurisdiction, type MatchGazetteer, type MatchIndex, type Unmatched } from './match.ts'
export { generate287g, ICE_287G_PAGE, USC_1357, type Agreement, type ImportInput, type ImportResult, type ReportLine } from './generate.ts'
export { reportTsv } from './report.ts'
