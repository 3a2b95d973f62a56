// Keystone's stock report page is replaced by the reading view (keyed by this output path).
export { default } from '../../read/ReportPage'
