// What other features may use of exchange; everything else in this folder is its own business.
export { ExchangeTab } from './ExchangeTab';
export { ImportBundleButton } from './ImportBundle';
export { ProvenanceDetails } from './Provenance';
