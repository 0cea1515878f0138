/**
 * Adapters for the lawmaker toolkit: the PDF export, and the record groups a server or command
 * loads once for the simulated effect.
 *
 * @example
 * ```ts
 * import { markdownPdf } from './adapters/toolkit/index.ts'
 * ```
 */
export { markdownPdf } from './pdf.ts'
export { loadPopulations, sizeFunction, type Populations } from './populations.ts'
export { createToolkitService, type ToolkitService, type ToolkitServiceOptions, type DraftReport } from './service.ts'
