// Styles of the reading view and the 工作台: Chinese typography for the text (serif body,
// first-line indent of two characters, generous leading), quiet chrome around it.
import type { CSSProperties } from 'react'

const SERIF = '"Songti SC", "STSong", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif'
const SANS = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'

export const ui = {
  page: { fontFamily: SANS, color: '#1f2328' },
  layout: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 320px', gap: 24, alignItems: 'start' },
  title: { fontFamily: SERIF, fontSize: 28, fontWeight: 700, textAlign: 'center', margin: '8px 0 4px', letterSpacing: '0.04em' },
  meta: { textAlign: 'center', color: '#57606a', fontSize: 14, marginBottom: 16 },
  badge: { display: 'inline-block', padding: '1px 8px', borderRadius: 10, color: '#fff', fontSize: 13 },
  sectionRow: { display: 'grid', gridTemplateColumns: 'minmax(0, 40em) minmax(220px, 1fr)', gap: 20, alignItems: 'start', marginBottom: 8 },
  heading: { 1: { fontFamily: SANS, fontSize: 20, fontWeight: 700, margin: '20px 0 8px' }, 2: { fontFamily: SERIF, fontSize: 18, fontWeight: 700, margin: '14px 0 6px', paddingLeft: '2em' }, 3: { fontFamily: SERIF, fontSize: 17, fontWeight: 600, margin: '10px 0 4px', paddingLeft: '2em' } } as Record<1 | 2 | 3, CSSProperties>,
  paragraph: { fontFamily: SERIF, fontSize: 17, lineHeight: 2, textIndent: '2em', textAlign: 'justify', margin: '0 0 4px', letterSpacing: '0.02em' },
  mark: { background: '#fff1b8', borderBottom: '2px solid #d4a72c', cursor: 'pointer' },
  markActive: { background: '#ffd33d' },
  card: { border: '1px solid #d0d7de', borderRadius: 8, padding: 10, background: '#fff', marginBottom: 10, fontSize: 14, cursor: 'default' },
  cardActive: { borderColor: '#d4a72c', boxShadow: '0 0 0 2px #fff1b8' },
  quote: { fontFamily: SERIF, color: '#57606a', borderLeft: '3px solid #d4a72c', paddingLeft: 6, marginBottom: 4 },
  reply: { borderTop: '1px dashed #d0d7de', marginTop: 6, paddingTop: 6, paddingLeft: 10 },
  small: { fontSize: 12, color: '#57606a' },
  box: { border: '1px solid #d0d7de', borderRadius: 8, padding: 12, background: '#fff', marginBottom: 12, fontSize: 14 },
  boxTitle: { fontWeight: 600, marginBottom: 6 },
  textarea: { width: '100%', boxSizing: 'border-box', font: 'inherit', fontSize: 14, padding: 6, border: '1px solid #d0d7de', borderRadius: 6, marginBottom: 4 },
  button: { font: 'inherit', fontSize: 14, padding: '4px 12px', borderRadius: 6, border: '1px solid #1f6feb', background: '#1f6feb', color: '#fff', cursor: 'pointer' },
  buttonQuiet: { font: 'inherit', fontSize: 14, padding: '4px 12px', borderRadius: 6, border: '1px solid #d0d7de', background: '#f6f8fa', color: '#1f2328', cursor: 'pointer' },
  link: { color: '#0969da', textDecoration: 'none' },
  error: { color: '#cf222e', fontSize: 13, marginTop: 4 },
} satisfies Record<string, CSSProperties | Record<number, CSSProperties>>
