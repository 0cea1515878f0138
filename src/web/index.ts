/**
 * The web app's server side: the pages as functions of a request (server-rendered with Preact),
 * the HTML document around them, and which built assets each page links. The browser side lives
 * in `client/` (one entry per page, built by Vite into dist/web); `pages/` and `components/` are
 * shared by both.
 *
 * @example
 * ```ts
 * import { assetsFor, mapPage, renderDocument } from './web/index.ts'
 * const page = mapPage(ctx, { date: '2019-01-01' })
 * if (page.kind === 'page') html = renderDocument({ ...page, assets: assetsFor(manifest, page.entry), versions })
 * ```
 */
export { assetsFor, ENTRY_SOURCES, STYLES_SOURCE, type Manifest, type ManifestChunk } from './ssr/assets.ts'
export { jsonForScript, renderDocument, shareTags, type ShareMeta, type DocumentInput, type NavKey, type PageAssets, type PageEntry } from './ssr/document.tsx'
export { type WhoDecidesView } from './components/who-decides.tsx'
export { compareData, comparePage, downloadsPage, errorPage, evaluatePage, federalPage, jurisdictionPage, jurisdictionProps, mapPage, searchPage, type PageResult, type Query, type SiteContext } from './ssr/site.tsx'
export { scriptPage } from './ssr/scripts.tsx'
export { checkReportName, simulationDocument, simulationPage, simulationSections, simulationsPage, type PublishedReport } from './ssr/simulations.tsx'
export { isReportName, summariseReport, type SimulationSummary } from './ssr/simulation-summary.ts'
export { decodeCase, encodeCase, type DecodedCase } from './shared/case-url.ts'
export { composerCheck, toolkitCatalogPage, toolkitClausePage, toolkitComposeExport, toolkitComposePage, type ToolkitContext } from './ssr/toolkit.tsx'
export { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH, shareImageSvg, wrapWords, type ShareImage, type ShareLine } from './ssr/share-image.ts'
export { answersDescription, caseDescription, compareDescription, shareImageAlt, shareImageFor, shareImagePath, type ShareTarget } from './ssr/share.ts'
export { jurisdictionMarkdown, type DocumentMeta } from './ssr/jurisdiction-document.ts'
export { jurisdictionPath } from './shared/words.ts'
export { compareMarkdown } from './ssr/compare-document.ts'
