/**
 * The draft document as PDF (pdfkit), from the same Markdown the toolkit exports: headings,
 * paragraphs, list items, quotes and YAML blocks, each URL kept as a link.
 */
import PDFDocument from 'pdfkit'

/**
 * Renders the toolkit's Markdown document as a PDF.
 *
 * @example
 * ```ts
 * const pdf = await markdownPdf(draftMarkdown(draft, check, catalog), { title: draft.title })
 * ```
 */
export function markdownPdf(markdown: string, meta: { readonly title: string }): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: 56, info: { Title: meta.title, Creator: 'Sanctuary Atlas lawmaker toolkit' } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  let code = false
  for (const raw of markdown.split('\n')) {
    if (raw.startsWith('```')) {
      code = !code
      doc.moveDown(0.2)
      continue
    }
    if (code) {
      doc.font('Courier').fontSize(8.5).fillColor('#333333').text(raw || ' ', { lineGap: 0.5 })
      continue
    }
    const line = raw.replace(/\*\*/g, '')
    if (!line.trim()) {
      doc.moveDown(0.4)
      continue
    }
    if (line.startsWith('# ')) doc.font('Helvetica-Bold').fontSize(18).fillColor('#000000').text(line.slice(2)).moveDown(0.3)
    else if (line.startsWith('## ')) doc.moveDown(0.4).font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(line.slice(3)).moveDown(0.2)
    else if (line.trimStart().startsWith('> ')) {
      const text = line.trimStart().slice(2)
      const url = /— (https?:\/\/\S+|\/\S*)$/.exec(text)?.[1]
      doc.font('Helvetica-Oblique').fontSize(9.5).fillColor('#333333').text(text, { indent: 18, ...(url?.startsWith('http') ? { link: url } : {}) })
    } else if (line.startsWith('- ')) doc.font('Helvetica').fontSize(10.5).fillColor('#000000').text(`•  ${line.slice(2)}`, { indent: 6 })
    else doc.font('Helvetica').fontSize(10.5).fillColor('#000000').text(line)
  }
  doc.end()
  return done
}
