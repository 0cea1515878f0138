/** Streaming readers for the simulator's inputs: lines, delimited records and tables. */
export { splitDelimited, detectDelimiter, type SplitResult } from './delimited.ts'
export { readLines, readDelimited, isGzipFile, fileError, MAX_CONTINUATION_LINES, type Line, type DelimitedRow } from './lines.ts'
export { openTable, isParquetPath, type TableReader, type TableRow, type TableHeader } from './table.ts'
export { readJsonFile } from './json-file.ts'
