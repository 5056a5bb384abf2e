/** Importing a shop's open orders and customers from a spreadsheet (see docs/api.md, Imports). */
export { uploadSheet, readSheet } from './sheet';
export { previewImport, type ImportPreview, type PreviewRow } from './preview';
export { startImport, importStatus, type ImportStatus } from './job';
export { importReport, recentImports } from './report';
