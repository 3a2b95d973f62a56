// The Section columns the archive index is built from; computed by the server on every save.
import { fingerprints, matchTokens, searchColumn } from '../archive'

export function archiveColumns(plainText: string): { searchText: string; fingerprints: string } {
  return { searchText: searchColumn(plainText), fingerprints: JSON.stringify(fingerprints(matchTokens(plainText).tokens)) }
}
