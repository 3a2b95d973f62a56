// npm run bench:word — Word export and import of a 13,000-character report, as medians and as
// ratios against the libraries' own floor in the same process (docx packing the same
// paragraphs unstyled; mammoth extracting raw text from the same file).
import { Document, Packer, Paragraph } from 'docx'
import mammoth from 'mammoth'
import { reportToDocx } from '../src/docx/write'
import { readImportFile } from '../src/import'
import { DEMO_TEXTS, reportOf, toSize } from './bench-inputs'

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Subject and baseline alternate, so load on a shared machine hits both alike; the ratio is the median of per-pair ratios. */
async function compare(runs: number, subject: () => Promise<unknown>, baseline: () => Promise<unknown>) {
  await subject()
  await baseline()
  const pairs: [number, number][] = []
  for (let i = 0; i < runs; i++) pairs.push([await timed(subject), await timed(baseline)])
  return { subject: middle(pairs.map(p => p[0])), baseline: middle(pairs.map(p => p[1])), ratio: middle(pairs.map(([a, b]) => a / b)) }
}

async function main() {
  const text = toSize(DEMO_TEXTS, 13_000)
  const { title, sections } = reportOf(text)
  const report = { title, departmentName: '明湖市委组织部', status: 'approved', date: new Date(), sections }
  const docx = await reportToDocx(report)
  const plain = () => Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map(line => new Paragraph(line)) }] }))
  const runs = 15
  const exported = await compare(runs, () => reportToDocx(report), plain)
  const imported = await compare(runs, () => readImportFile('r.docx', docx), () => mammoth.extractRawText({ buffer: docx }))
  console.log(`13,000-character report, ${sections.length} sections, .docx ${Math.round(docx.length / 1024)} kB; medians of ${runs} alternating pairs`)
  console.log(`export  ${exported.subject.toFixed(1)} ms   baseline docx unstyled ${exported.baseline.toFixed(1)} ms   ratio ${exported.ratio.toFixed(2)}`)
  console.log(`import  ${imported.subject.toFixed(1)} ms   baseline mammoth raw text ${imported.baseline.toFixed(1)} ms   ratio ${imported.ratio.toFixed(2)}`)
}

main().catch(error => {
  console.error(error)
  process.exit(1)
})
