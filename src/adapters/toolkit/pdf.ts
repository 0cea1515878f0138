/**
 * Markdown documents as PDF (pdfkit): the toolkit's draft (from the same Markdown it exports) and
 * the jurisdiction pages' `?format=pdf`. Headings (`#`, `##`, `###`), paragraphs, list items,
 * quotes and code blocks; a URL at the end of a quote (`— https://…`) or of a list item is kept
 * as a link.
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
export function markdownPdf(markdown: string, meta: { readonly title: string; readonly creator?: string; readonly subject?: string; readonly compress?: boolean }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 56,
    compress: meta.compress ?? true,
    info: { Title: meta.title, Creator: meta.creator ?? 'Sanctuary Atlas lawmaker toolkit', ...(meta.subject ? { Subject: meta.subject } : {}) },
  })
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
    else if (line.startsWith('### ')) doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11.5).fillColor('#000000').text(line.slice(4)).moveDown(0.1)
    else if (line.trimStart().startsWith('> ')) {
      const text = line.trimStart().slice(2)
      const url = /— (https?:\/\/\S+|\/\S*)$/.exec(text)?.[1]
      doc.font('Helvetica-Oblique').fontSize(9.5).fillColor('#333333').text(text, { indent: 18, ...(url?.startsWith('http') ? { link: url } : {}) })
    } else if (line.startsWith('- ')) {
      const url = /(https?:\/\/\S+)$/.exec(line)?.[1]
      doc.font('Helvetica').fontSize(10.5).fillColor('#000000').text(`•  ${line.slice(2)}`, { indent: 6, ...(url ? { link: url } : {}) })
    }
    else doc.font('Helvetica').fontSize(10.5).fillColor('#000000').text(line)
  }
  doc.end()
  return done
}
