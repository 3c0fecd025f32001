// What other features may use of frameworks; everything else in this folder is its own business.
export { FrameworkTab } from './FrameworkTab';
