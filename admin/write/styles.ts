// The writing desk's look: Chinese body text at a comfortable size, the outline beside.
export const DESK_CSS = `
.annals-desk { min-width: 0; overflow-x: hidden; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1f2328; max-width: 100%; }
.annals-desk h1 { font-size: 22px; margin: 8px 0 4px; }
.annals-meta { color: #57606a; margin: 0; }
.annals-desk-header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; position: sticky; top: 0; background: #fff; z-index: 5; padding: 8px 0; border-bottom: 1px solid #d0d7de; }
.annals-desk-actions { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.annals-desk-actions a { color: #0969da; }
.annals-desk button { font: inherit; padding: 3px 10px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.annals-desk button:disabled { opacity: .45; cursor: default; }
.annals-desk button.annals-primary { background: #1f883d; color: #fff; border-color: #1f883d; }
.annals-state { font-size: 13px; padding: 2px 8px; border-radius: 10px; white-space: nowrap; }
.annals-state-saved { background: #dafbe1; color: #116329; }
.annals-state-saving { background: #ddf4ff; color: #0550ae; }
.annals-state-unsaved { background: #fff8c5; color: #7d4e00; }
.annals-state-conflict { background: #ffebe9; color: #a40e26; font-weight: 600; }
.annals-dot { display: inline-block; width: 8px; height: 8px; border-radius: 4px; margin-left: 6px; padding: 0; }
.annals-notice { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 6px; }
.annals-presence { color: #57606a; }
.annals-chip { display: inline-block; background: #ddf4ff; color: #0550ae; border-radius: 10px; padding: 1px 8px; margin: 0 4px; font-size: 13px; }
.annals-desk-body { display: grid; grid-template-columns: 240px minmax(0, 1fr); gap: 20px; margin-top: 12px; }
.annals-toc { position: sticky; top: 90px; align-self: start; max-height: calc(100vh - 110px); overflow: auto; border-right: 1px solid #eaeef2; padding-right: 12px; }
.annals-toc h2 { font-size: 15px; margin: 0 0 8px; }
.annals-toc ol { list-style: none; margin: 0; padding: 0; }
.annals-toc li { padding: 3px 0; cursor: grab; font-size: 14px; line-height: 1.5; }
.annals-toc li a { color: #1f2328; text-decoration: none; }
.annals-toc li a:hover { color: #0969da; }
.annals-toc-level-2 { padding-left: 16px !important; }
.annals-toc-level-3 { padding-left: 32px !important; font-size: 13px !important; }
.annals-toc-who { margin-left: 6px; font-size: 12px; color: #0550ae; }
.annals-dragging { opacity: .5; }
.annals-section { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; margin: 8px 0; background: #fff; }
.annals-level-2 { margin-left: 28px; }
.annals-level-3 { margin-left: 56px; }
.annals-section-bar { display: flex; gap: 10px; align-items: center; }
.annals-heading { flex: 1; font: inherit; font-size: 17px; font-weight: 600; border: 1px solid transparent; border-radius: 6px; padding: 4px 6px; }
.annals-heading:hover, .annals-heading:focus { border-color: #d0d7de; }
.annals-section-tools { display: flex; gap: 6px; margin: 6px 0 10px; flex-wrap: wrap; align-items: center; }
.annals-section-tools button { font-size: 13px; }
.annals-editor { line-height: 1.9; font-size: 16px; }
.annals-add { display: block; width: 100%; margin: 4px 0; background: transparent !important; border: 1px dashed #d0d7de !important; color: #57606a; font-size: 13px !important; }
.annals-add-form { display: flex; gap: 8px; margin: 6px 0; }
.annals-add-form input { flex: 1; font: inherit; padding: 4px 8px; }
.annals-confirm { background: #ffebe9; padding: 3px 8px; border-radius: 6px; display: inline-flex; gap: 6px; align-items: center; }
.annals-error { color: #a40e26; }
.annals-conflict { border: 2px solid #cf222e; border-radius: 8px; padding: 12px; margin: 8px 0; background: #fffafa; }
.annals-conflict-title { margin-top: 0; }
.annals-en { color: #57606a; font-size: 13px; }
.annals-conflict-columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.annals-conflict-columns h4 { margin: 4px 0; }
.annals-conflict-text { white-space: pre-wrap; line-height: 1.8; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; background: #fff; max-height: 400px; overflow: auto; }
.annals-diff-del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
.annals-diff-ins { background: #dafbe1; color: #116329; text-decoration: none; }
.annals-buttons { display: flex; gap: 8px; margin-top: 10px; }
.annals-merge { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.annals-reference { border: 1px solid #d4a72c; border-radius: 6px; padding: 8px; background: #fffbea; line-height: 1.8; }
.annals-reference h4 { margin: 0 0 6px; }
.annals-last-year { margin-top: 10px; border-top: 1px dashed #d0d7de; padding-top: 6px; color: #424a53; }
.annals-last-year summary { cursor: pointer; color: #57606a; font-size: 14px; }
.annals-last-year-paragraph { display: flex; gap: 8px; align-items: flex-start; }
.annals-last-year-paragraph p { flex: 1; margin: 6px 0; line-height: 1.8; }
.annals-changed { background: #fff1c2; border-bottom: 2px solid #d4a72c; }
.annals-small { font-size: 12px !important; white-space: nowrap; }
.annals-last-year-none { color: #8c959f; font-size: 13px; margin: 8px 0 0; }
`
