// Printing one part of an Admin UI page. Keystone's layout is a grid of 100vh with a scrolling
// <main>, which clips anything printed inside it to the first A4 page. These rules drop every
// element that neither holds nor is inside the printed part, and let its ancestors grow with it,
// so long reports and comparisons print on as many pages as they need.

/** A print stylesheet that prints only the element with this id, on as many pages as it takes. */
export function printOnlyCss(id: string, page = '@page { size: A4; margin: 16mm 14mm 18mm; }'): string {
  const target = `#${id}`
  return `
@media print {
  ${page}
  html, body { height: auto !important; overflow: visible !important; background: #fff !important; }
  body *:not(:has(${target})):not(${target}):not(${target} *) { display: none !important; }
  body *:has(${target}) {
    display: block !important; position: static !important; height: auto !important; min-height: 0 !important;
    max-height: none !important; overflow: visible !important; width: auto !important; max-width: none !important;
    margin: 0 !important; padding: 0 !important; border: 0 !important; box-shadow: none !important;
  }
  ${target} { position: static !important; width: auto !important; }
}`
}
