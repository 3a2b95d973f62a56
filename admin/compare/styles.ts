// Styles of the comparison view (screen and A4 print).
import { printOnlyCss } from '../lib/print'

export const CSS = `
#annals-compare { --del: #ffe2e0; --del-text: #86181d; --ins: #dcffe4; --ins-text: #114620; --move: #e8e2ff; font-size: 15px; }
#annals-compare .controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-end; padding: 12px; border: 1px solid #d0d7de; border-radius: 8px; background: #f6f8fa; margin-bottom: 12px; }
#annals-compare .controls label, #annals-compare .controls legend { font-size: 13px; color: #444; }
#annals-compare .controls select { display: block; max-width: 420px; margin-top: 4px; padding: 4px; }
#annals-compare fieldset { border: 0; margin: 0; padding: 0; }
#annals-compare .chip { display: inline-flex; align-items: center; gap: 4px; margin: 2px 6px 2px 0; padding: 2px 8px; border-radius: 12px; border: 1px solid #d0d7de; background: #fff; font-size: 13px; }
#annals-compare button { padding: 4px 10px; border-radius: 6px; border: 1px solid #d0d7de; background: #fff; cursor: pointer; }
#annals-compare .title { font-size: 20px; margin: 8px 0 4px; }
#annals-compare .headline { font-size: 16px; font-weight: 600; margin: 4px 0 8px; }
#annals-compare .muted { color: #6e7781; font-weight: normal; font-size: 13px; }
#annals-compare .legend { display: flex; flex-wrap: wrap; gap: 10px; font-size: 13px; margin: 8px 0 12px; }
#annals-compare .status.error { color: #b42318; font-weight: 600; }
#annals-compare .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
#annals-compare .col-titles { font-weight: 600; position: sticky; top: 0; background: #fff; z-index: 1; padding: 6px 0; border-bottom: 2px solid #d0d7de; }
#annals-compare .pair { border-bottom: 1px solid #eaeef2; padding: 10px 0; }
#annals-compare .pair-head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 6px; }
#annals-compare .heading { font-weight: 700; font-size: 16px; }
#annals-compare .badge { font-size: 12px; padding: 1px 8px; border-radius: 10px; background: #eaeef2; }
#annals-compare .badge.added { background: var(--ins); } #annals-compare .badge.dropped { background: var(--del); }
#annals-compare .badge.reordered, #annals-compare .badge.split, #annals-compare .badge.merged { background: var(--move); }
#annals-compare .sim { font-size: 12px; color: #57606a; }
#annals-compare .text { white-space: pre-wrap; line-height: 1.9; word-break: break-all; font-family: "Noto Serif CJK SC", "Songti SC", SimSun, serif; }
#annals-compare .col-inline .text { max-width: 60em; }
#annals-compare del.del, #annals-compare .legend del { background: var(--del); color: var(--del-text); text-decoration: line-through; text-decoration-color: #cf222e88; }
#annals-compare ins.ins, #annals-compare .legend ins { background: var(--ins); color: var(--ins-text); text-decoration: none; }
#annals-compare .move { background: var(--move) !important; color: #3b2a7a !important; outline: 1px dashed #8a7fd1; }
#annals-compare .inner-del { text-decoration: line-through; color: #cf222e; }
#annals-compare .inner-ins { font-weight: 700; color: #1a7f37; border-bottom: 2px solid #1a7f37; }
#annals-compare .move-link { font-size: 12px; margin: 0 2px; color: #5b4cc4; text-decoration: none; }
#annals-compare .chg.current { outline: 3px solid #fb8c00; }
#annals-compare ins.reused { background: #ffe2c4; color: #7a3a00; text-decoration: underline dotted #c2570c; text-underline-offset: 3px; cursor: pointer; }
#annals-compare .legend ins.reused { background: #ffe2c4; color: #7a3a00; }
#annals-compare a.reused-link { color: inherit; text-decoration: none; }
#annals-compare .pair, #annals-compare [id] { scroll-margin-top: 96px; }
#annals-compare .pair.flash { animation: annals-flash 1.6s ease-out; }
@keyframes annals-flash { from { background: #fff1c2; } to { background: transparent; } }
#annals-compare .level-2 .heading { font-size: 15px; padding-left: 1.5em; }
#annals-compare .level-3 .heading { font-size: 14px; padding-left: 3em; }
#annals-compare .para-row { display: contents; }
#annals-compare .para-rows .col .text:empty::after { content: ''; }
#annals-compare .aged { border-radius: 2px; }
#annals-compare .fold { border: 0; background: #eef1f4; color: #57606a; font-size: 12px; border-radius: 4px; margin: 0 2px; padding: 0 6px; }
#annals-compare .empty { color: #8c959f; }
#annals-compare .figures table { border-collapse: collapse; width: 100%; font-size: 14px; }
#annals-compare .figures th, #annals-compare .figures td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
#annals-compare .figures .up { color: #1a7f37; } #annals-compare .figures .down { color: #cf222e; }
#annals-compare .figures h3 { display: flex; gap: 12px; align-items: baseline; }
${printOnlyCss('annals-compare', '@page { size: A4; margin: 14mm 12mm; }')}
@media print {
  #annals-compare { font-size: 10.5pt; }
  #annals-compare .no-print, #annals-compare .fold { display: none !important; }
  #annals-compare .inner-del { text-decoration: line-through; color: #cf222e; }
#annals-compare .inner-ins { font-weight: 700; color: #1a7f37; border-bottom: 2px solid #1a7f37; }
#annals-compare .move-link { display: none; }
  #annals-compare .col-titles { position: static; }
  #annals-compare .pair { break-inside: auto; }
  #annals-compare .pair-head { break-after: avoid; }
  #annals-compare .figures tr { break-inside: avoid; }
  #annals-compare * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`
