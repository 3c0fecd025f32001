// What other features may use of evidence; everything else in this folder is its own business.
export { EvidenceTab } from './EvidenceTab';
export { MatrixTab } from './MatrixTab';
export { ScoresTab } from './ScoresTab';
