// What other features may use of report; everything else in this folder is its own business.
export { ExportDialog } from './ExportDialog';
