/**
 * Importers of real detainer records into one normalized Parquet file: ICE ERO-LESA encounters
 * (`ice-lesa`), Pennsylvania detainers (`pa`), Pierce County bookings (`pierce`), the Deportation
 * Data Project's detainers (`ddp`), and any table with a mapping file (`mapped`).
 */
export {
  type DetainerRecord,
  type SourceRecord,
  type LocationHint,
  type ImportItem,
  type ReadOptions,
  type UnmappedValue,
  type LinkMethod,
  type DetainerForm,
  type Custody,
  type ConvictionStatus,
  type ChargeStatus,
  type OffenseLevel,
  type OffenseCategory,
  type PracticeOutcome,
  RECORD_COLUMNS,
  LINK_METHODS,
  DETAINER_FORMS,
  CUSTODY_VALUES,
  CONVICTION_STATUSES,
  CHARGE_STATUSES,
  OFFENSE_LEVELS,
  OFFENSE_CATEGORIES,
  PRACTICE_OUTCOMES,
  validateRecord,
  isIsoDate,
} from './record.ts'
export { parseSourceDate, parseDateWithFormat, parseDetainerForm, stateCode, fileStem, STATE_CODES } from './values.ts'
export { classifyOffense, classifyOffenseDescription, ncicCategory, NCIC_GROUPS, NCIC_CODES, DESCRIPTION_RULES, type NcicGroup } from './offense-codes.ts'
export { liftReasonOutcome, pierceDispositionOutcome, LIFT_REASONS } from './outcomes.ts'
export { readIceLesa, parseIceLesaRow, iceLesaLayout, ICE_LESA_COLUMNS } from './ice-lesa.ts'
export { readPa, parsePaRow, PA_COLUMNS } from './pa.ts'
export { readPierce, parsePierceRow, pierceRecord, rcwLevel, PIERCE_COLUMNS } from './pierce.ts'
export { readDdp, parseDdpRow, criminalityStatus, crimeClassLevel, DDP_DETAINER_COLUMNS, DDP_FIELDS } from './ddp.ts'
export { readMapped, parseMappedRow, parseMapping, loadMapping, MappingSchema, MAPPED_FIELDS, type Mapping, type MappedField } from './mapped.ts'
export { ParquetWriter, isoToEpochDays } from './parquet-writer.ts'
export { createProgress, type Progress } from './progress.ts'
export {
  runImport,
  formatSummary,
  toDetainerRecord,
  IMPORT_FORMATS,
  KEEP_LINES,
  SMALL_CELL,
  type ImportFormat,
  type ImportOptions,
  type ImportSummary,
  type FileSummary,
} from './run-import.ts'
