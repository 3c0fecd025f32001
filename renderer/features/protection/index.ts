// What other features may use of protection; everything else in this folder is its own business.
export { DataPage } from './DataPage';
export { EncryptForm } from './EncryptForm';
