// What other features may use of governance; everything else in this folder is its own business.
export { RecordsCard } from './RecordsCard';
