/**
 * The delivery packet for one target, as CSV and as PDF (pdfkit, as the toolkit's export): the
 * petition's words, the confirmed signers counted by the target's constituency ("412 confirmed
 * signers in Harris County, TX"), and the confirmed signers' names and cities — what an office
 * needs to weigh constituent mail. It carries no email address.
 */
import PDFDocument from 'pdfkit'
import type { DeliveryPacket } from './petitions-service.ts'

const csvCell = (v: string) => {
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The constituency lines as sentences: "412 confirmed signers in Harris County, TX". */
export function constituencySentences(packet: DeliveryPacket): string[] {
  if (packet.constituency.length === 0) return [`No confirmed signer lives in the constituency of ${packet.target.label}.`]
  return packet.constituency.map((l) => `${l.count} confirmed signer${l.count === 1 ? '' : 's'} in ${l.name}`)
}

/**
 * The packet as CSV: one row per confirmed signer (name, city, county, in the constituency),
 * after comment lines (`#`) with the petition and the counts.
 *
 * @example
 * ```ts
 * deliveryCsv(packet).split('\n')[0] // '# petition: …'
 * ```
 */
export function deliveryCsv(packet: DeliveryPacket): string {
  const head = [
    `# petition: ${packet.petition.title}`,
    `# target: ${packet.target.label}`,
    `# generated: ${packet.generatedOn}; ${packet.confirmed} confirmed signers in all`,
    ...constituencySentences(packet).map((s) => `# ${s}`),
  ].map((l) => l.replace(/[\r\n]+/g, ' '))
  const rows = [['name', 'city', 'county', 'in_constituency'], ...packet.signers.map((s) => [s.name, s.city, s.county, s.inConstituency ? 'yes' : 'no'])]
  return `${[...head, ...rows.map((r) => r.map(csvCell).join(','))].join('\n')}\n`
}

/**
 * The packet as a PDF.
 *
 * @example
 * ```ts
 * const pdf = await deliveryPdf(packet) // starts with %PDF
 * ```
 */
export function deliveryPdf(packet: DeliveryPacket): Promise<Buffer> {
  const p = packet.petition
  const doc = new PDFDocument({ size: 'LETTER', margin: 56, info: { Title: `Petition: ${p.title}`, Creator: 'Sanctuary Atlas petitions' } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const body = (text: string) => doc.font('Helvetica').fontSize(10.5).fillColor('#000000').text(text)
  doc.font('Helvetica-Bold').fontSize(18).text(p.title).moveDown(0.3)
  doc.font('Helvetica').fontSize(10).fillColor('#333333').text(`To: ${packet.target.label}`).text(`Live since ${p.liveOn ?? p.createdOn}; packet generated ${packet.generatedOn}`).moveDown(0.6)
  doc.font('Helvetica-Bold').fontSize(13).fillColor('#000000').text('The petition').moveDown(0.2)
  body(p.text).moveDown(0.4)
  doc.font('Helvetica-Bold').fontSize(11).text('The request').moveDown(0.1)
  body(p.ask).moveDown(0.6)
  doc.font('Helvetica-Bold').fontSize(13).text('Confirmed signers').moveDown(0.2)
  body(`${packet.confirmed} confirmed signer${packet.confirmed === 1 ? '' : 's'} in all. Each confirmed the signature through a single-use link sent to their email address; one signature per address.`)
  for (const s of constituencySentences(packet)) doc.font('Helvetica').fontSize(10.5).text(`•  ${s}`, { indent: 6 })
  doc.moveDown(0.6)
  doc.font('Helvetica-Bold').fontSize(13).text('Names and cities').moveDown(0.2)
  if (packet.signers.length === 0) body('No confirmed signer has a name on record (signatures past the retention period are anonymised).')
  let outside = false
  for (const s of packet.signers) {
    if (!s.inConstituency && !outside) {
      outside = true
      doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(10).text('Signers outside the constituency:').moveDown(0.1)
    }
    doc.font('Helvetica').fontSize(10).fillColor('#000000').text(`${s.name} — ${s.city || s.county}${s.city ? `, ${s.county}` : ''}`)
  }
  doc.end()
  return done
}
