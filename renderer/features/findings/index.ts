// What other features may use of findings; everything else in this folder is its own business.
export { CiteInFinding } from './CiteInFinding';
export { FindingsTab } from './FindingsTab';
