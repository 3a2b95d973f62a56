// The start page is Annals' 工作台 (keyed by this output path: replaces Keystone's list of lists).
export { default } from '../read/Dashboard'
